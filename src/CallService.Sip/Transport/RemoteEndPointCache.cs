using System.Net;
using System.Net.Sockets;

namespace CallService.Sip.Transport;

/// <summary>
/// Turns the raw source address a UDP receive fills in into an <see cref="IPEndPoint"/> without allocating for
/// peers already seen. SIP traffic comes from few sources (a proxy, registered phones), so a bounded map
/// almost always hits. Owned by one receive loop: not thread-safe. Cached endpoints are shared with
/// consumers, who must not mutate them.
/// </summary>
internal sealed class RemoteEndPointCache
{
    private readonly Dictionary<SocketAddress, IPEndPoint> _endPoints;
    private readonly IPEndPoint _template;
    private readonly int _capacity;

    public RemoteEndPointCache(AddressFamily family, int capacity = 4096)
    {
        _capacity = capacity;
        _endPoints = new Dictionary<SocketAddress, IPEndPoint>(capacity);
        _template = new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    }

    public int Count => _endPoints.Count;

    public IPEndPoint Get(SocketAddress received)
    {
        if (_endPoints.TryGetValue(received, out IPEndPoint? known))
        {
            return known;
        }

        if (_endPoints.Count >= _capacity)
        {
            _endPoints.Clear(); // a storm from many sources: start over rather than grow without bound
        }

        var key = new SocketAddress(received.Family, received.Size);
        received.Buffer.Span[..received.Size].CopyTo(key.Buffer.Span);
        var endPoint = (IPEndPoint)_template.Create(key);
        _endPoints.Add(key, endPoint);
        return endPoint;
    }
}
