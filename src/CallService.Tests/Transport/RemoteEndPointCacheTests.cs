using System.Net;
using System.Net.Sockets;

namespace CallService.Sip.Transport;

public sealed class RemoteEndPointCacheTests
{
    [Theory]
    [InlineData("127.0.0.1", 5060)]
    [InlineData("::1", 5070)]
    [InlineData("fe80::1%2", 1)]
    public void Same_address_gives_the_same_instance(string address, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(address), port);
        var cache = new RemoteEndPointCache(endPoint.AddressFamily);
        SocketAddress received = endPoint.Serialize();

        IPEndPoint first = cache.Get(received);
        IPEndPoint second = cache.Get(endPoint.Serialize());

        Assert.Equal(endPoint, first);
        Assert.Same(first, second);
    }

    [Fact]
    public void A_reused_socket_address_buffer_does_not_change_cached_entries()
    {
        var cache = new RemoteEndPointCache(AddressFamily.InterNetwork);
        SocketAddress reused = new IPEndPoint(IPAddress.Loopback, 1000).Serialize();
        IPEndPoint first = cache.Get(reused);

        new IPEndPoint(IPAddress.Parse("10.0.0.7"), 2000).Serialize().Buffer.CopyTo(reused.Buffer);
        IPEndPoint second = cache.Get(reused);

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 1000), first);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.7"), 2000), second);
        Assert.Same(first, cache.Get(new IPEndPoint(IPAddress.Loopback, 1000).Serialize()));
    }

    [Fact]
    public void Full_cache_starts_over_instead_of_growing()
    {
        var cache = new RemoteEndPointCache(AddressFamily.InterNetwork, capacity: 4);

        for (int port = 1; port <= 9; port++)
        {
            Assert.Equal(port, cache.Get(new IPEndPoint(IPAddress.Loopback, port).Serialize()).Port);
        }

        Assert.True(cache.Count <= 4);
    }
}
