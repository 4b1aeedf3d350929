using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using static CallService.Sip.Transport.TransportTestKit;

namespace CallService.Sip.Transport;

public sealed class SipTransportTimeoutTests
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

    [Fact]
    public async Task Connect_that_never_completes_fails_with_connect_timeout_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        await using SipTransportManager manager = await StartAsync(time, o => o.ConnectTimeout = TimeSpan.FromSeconds(5), Tcp("127.0.0.1"));

        // A listener that never accepts, with its one-place accept queue taken: Linux drops further SYNs,
        // so the next connect hangs in SYN_SENT.
        using var deaf = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        deaf.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        deaf.Listen(0);
        using Socket filler = await ConnectAsync(new SipEndPoint(SipProtocol.Tcp, (IPEndPoint)deaf.LocalEndPoint!));

        ValueTask send = manager.SendAsync(Ascii(Request("OPTIONS")), new SipEndPoint(SipProtocol.Tcp, (IPEndPoint)deaf.LocalEndPoint!), CancellationToken.None);
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<SipTransportException>(async () => await send.AsTask().WaitAsync(WaitBound));

        Assert.Equal(SipTransportError.ConnectTimeout, error.Error);
        Assert.Equal(0, manager.GetStats().TcpConnectionsOpen);
        Assert.Equal(1, manager.GetStats().SendErrors);
    }

    [Fact]
    public async Task Send_to_a_peer_that_stops_reading_times_out_and_closes_the_connection()
    {
        var time = new FakeTimeProvider();
        await using SipTransportManager server = await StartAsync(time, null, Tcp("127.0.0.1"));
        var collector = new PacketCollector();
        server.SetPacketHandler(collector.Handle);
        using Socket client = await ConnectAsync(server.LocalEndPoints[0]);
        client.ReceiveBufferSize = 64 * 1024;
        await client.SendAsync(Ascii(Request("SUBSCRIBE")));
        ReceivedCopy request = await collector.NextAsync();

        // Far more than both sockets' buffers hold: the send cannot complete while the client does not read.
        ValueTask send = server.SendAsync(new byte[64 * 1024 * 1024], request.Flow, CancellationToken.None);
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<SipTransportException>(async () => await send.AsTask().WaitAsync(WaitBound));

        Assert.Equal(SipTransportError.SendFailed, error.Error);
        Assert.Contains("send timeout", error.Message, StringComparison.Ordinal);
        await EventuallyAsync(() => server.GetStats().TcpConnectionsOpen == 0, "connection closed");
        var closed = await Assert.ThrowsAsync<SipTransportException>(
            async () => await server.SendAsync(Ascii("NOTIFY"), request.Flow, CancellationToken.None));
        Assert.Equal(SipTransportError.ConnectionClosed, closed.Error);
    }
}
