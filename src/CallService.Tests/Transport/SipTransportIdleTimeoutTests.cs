using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using static CallService.Sip.Transport.TransportTestKit;

namespace CallService.Sip.Transport;

public sealed class SipTransportIdleTimeoutTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Idle_connection_is_closed_and_a_busy_one_is_kept()
    {
        var time = new FakeTimeProvider();
        await using SipTransportManager server = await StartAsync(time, o => o.IdleTimeout = Idle, Tcp("127.0.0.1"));
        var collector = new PacketCollector();
        server.SetPacketHandler(collector.Handle);
        using Socket quiet = await ConnectAsync(server.LocalEndPoints[0]);
        using Socket busy = await ConnectAsync(server.LocalEndPoints[0]);
        await EventuallyAsync(() => server.GetStats().TcpConnectionsOpen == 2, "two connections open");

        time.Advance(Idle - TimeSpan.FromSeconds(5));
        await busy.SendAsync(Ascii(Request("OPTIONS")));
        ReceivedCopy got = await collector.NextAsync();
        Assert.Equal(time.GetTimestamp(), got.Timestamp); // stamped from the injected clock
        time.Advance(TimeSpan.FromSeconds(6));

        Assert.True(await WaitForCloseAsync(quiet));
        await EventuallyAsync(() => server.GetStats().TcpConnectionsOpen == 1, "the quiet one forgotten");
        Assert.Equal(1, server.GetStats().TcpConnectionsIdleClosed);

        // The busy one still works both ways.
        await server.SendAsync(Ascii("SIP/2.0 200 OK\r\nl: 0\r\n\r\n"), got.Flow, CancellationToken.None);
        Assert.Equal("SIP/2.0 200 OK\r\nl: 0\r\n\r\n"u8.ToArray(), await ReadExactlyAsync(busy, 24));

        time.Advance(Idle);
        Assert.True(await WaitForCloseAsync(busy));
        Assert.Equal(2, server.GetStats().TcpConnectionsIdleClosed);
    }

    [Fact]
    public async Task Keep_alive_ping_counts_as_activity()
    {
        var time = new FakeTimeProvider();
        await using SipTransportManager server = await StartAsync(time, o => o.IdleTimeout = Idle, Tcp("127.0.0.1"));
        using Socket client = await ConnectAsync(server.LocalEndPoints[0]);
        await EventuallyAsync(() => server.GetStats().TcpConnectionsOpen == 1, "connection open");

        for (int i = 0; i < 3; i++)
        {
            time.Advance(Idle - TimeSpan.FromSeconds(1));
            await client.SendAsync(Ascii("\r\n\r\n"));
            Assert.Equal("\r\n"u8.ToArray(), await ReadExactlyAsync(client, 2));
        }

        Assert.Equal(1, server.GetStats().TcpConnectionsOpen);
        Assert.Equal(0, server.GetStats().TcpConnectionsIdleClosed);
        Assert.Equal(3, server.GetStats().KeepAlivePingsAnswered);
    }
}
