using System.Net;
using System.Net.Sockets;
using System.Text;
using static CallService.Sip.Transport.TransportTestKit;

namespace CallService.Sip.Transport;

public sealed class SipTransportManagerTcpTests
{
    [Fact]
    public async Task Message_split_at_every_byte_boundary_is_delivered_whole()
    {
        await using SipTransportManager server = await StartAsync(Tcp("127.0.0.1"));
        var collector = new PacketCollector();
        server.SetPacketHandler(collector.Handle);
        using Socket client = await ConnectAsync(server.LocalEndPoints[0]);
        byte[] message = Ascii(Request("MESSAGE", bodyLength: 11));

        long sent = 0;
        for (int split = 1; split < message.Length; split++)
        {
            await client.SendAsync(message.AsMemory(0, split));
            sent += split;
            // Make sure the server has read the first part on its own before the rest arrives.
            long expected = sent;
            await EventuallyAsync(() => server.GetStats().StreamBytesReceived == expected, $"first {split} bytes read");
            await client.SendAsync(message.AsMemory(split));
            sent += message.Length - split;

            ReceivedCopy got = await collector.NextAsync();
            Assert.Equal(message, got.Data);
        }

        Assert.Equal(message.Length - 1, server.GetStats().StreamMessagesReceived);
        Assert.Equal(0, server.GetStats().FramingErrors);
    }

    [Fact]
    public async Task Several_messages_and_keep_alives_in_one_segment()
    {
        await using SipTransportManager server = await StartAsync(Tcp("127.0.0.1"));
        var collector = new PacketCollector();
        server.SetPacketHandler(collector.Handle);
        using Socket client = await ConnectAsync(server.LocalEndPoints[0]);
        string first = Request("OPTIONS");
        string second = Request("MESSAGE", bodyLength: 300);
        string third = Request("INFO", bodyLength: 5, lengthHeader: "l");

        await client.SendAsync(Ascii("\r\n\r\n" + first + "\r\n" + second + third + "\r\n\r\n"));

        Assert.Equal(first, (await collector.NextAsync()).Text);
        Assert.Equal(second, (await collector.NextAsync()).Text);
        ReceivedCopy compact = await collector.NextAsync();
        Assert.Equal(third, compact.Text);
        Assert.EndsWith("l: 5\r\n\r\nbbbbb", compact.Text, StringComparison.Ordinal);

        // RFC 5626 3.5.1: each double-CRLF ping is answered by exactly one CRLF pong.
        Assert.Equal("\r\n\r\n", Encoding.ASCII.GetString(await ReadExactlyAsync(client, 4)));
        await EventuallyAsync(() => server.GetStats().KeepAlivePingsAnswered == 2, "two pongs counted");
        Assert.Equal(0, client.Available);
        Assert.Equal(3, server.GetStats().StreamMessagesReceived);
    }

    [Fact]
    public async Task Message_larger_than_the_initial_buffer_is_delivered()
    {
        await using SipTransportManager server = await StartAsync(Tcp("127.0.0.1"));
        var collector = new PacketCollector();
        server.SetPacketHandler(collector.Handle);
        using Socket client = await ConnectAsync(server.LocalEndPoints[0]);
        string big = Request("MESSAGE", bodyLength: 60_000);

        await client.SendAsync(Ascii(big + big));

        Assert.Equal(big, (await collector.NextAsync()).Text);
        Assert.Equal(big, (await collector.NextAsync()).Text);
    }

    [Fact]
    public async Task Missing_content_length_closes_the_connection_after_earlier_messages()
    {
        await using SipTransportManager server = await StartAsync(Tcp("127.0.0.1"));
        var collector = new PacketCollector();
        server.SetPacketHandler(collector.Handle);
        using Socket client = await ConnectAsync(server.LocalEndPoints[0]);
        string good = Request("OPTIONS");

        await client.SendAsync(Ascii(good + "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n"));

        Assert.Equal(good, (await collector.NextAsync()).Text);
        Assert.True(await WaitForCloseAsync(client));
        await EventuallyAsync(() => server.GetStats().TcpConnectionsOpen == 0, "connection forgotten");
        Assert.Equal(1, server.GetStats().FramingErrors);
        Assert.False(collector.TryNext(out _));
    }

    [Fact]
    public async Task Header_block_over_the_limit_closes_the_connection()
    {
        await using SipTransportManager server = await StartAsync(TimeProvider.System, o => o.MaxHeaderBlockSize = 4096, Tcp("127.0.0.1"));
        server.SetPacketHandler(new PacketCollector().Handle);
        using Socket client = await ConnectAsync(server.LocalEndPoints[0]);

        await client.SendAsync(Ascii("OPTIONS sip:a@b SIP/2.0\r\nSubject: " + new string('x', 5000)));

        Assert.True(await WaitForCloseAsync(client));
        Assert.Equal(1, server.GetStats().FramingErrors);
    }

    [Fact]
    public async Task Response_goes_back_over_the_connection_that_carried_the_request()
    {
        await using SipTransportManager server = await StartAsync(Tcp("127.0.0.1"));
        var collector = new PacketCollector();
        server.SetPacketHandler(collector.Handle);
        using Socket client = await ConnectAsync(server.LocalEndPoints[0]);
        await client.SendAsync(Ascii(Request("INVITE")));
        ReceivedCopy request = await collector.NextAsync();
        Assert.True(request.ConnectionId > 0);
        Assert.Equal(client.LocalEndPoint, request.Remote.EndPoint);
        Assert.Equal(client.RemoteEndPoint, request.Local.EndPoint);
        byte[] trying = Ascii("SIP/2.0 100 Trying\r\nContent-Length: 0\r\n\r\n");
        byte[] ok = Ascii("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");

        // RFC 3261 18.2.2: over the same connection, by flow, or by the request's source address.
        await server.SendAsync(trying, request.Flow, CancellationToken.None);
        await server.SendAsync(ok, request.Remote, CancellationToken.None);

        Assert.Equal(trying.Concat(ok), await ReadExactlyAsync(client, trying.Length + ok.Length));
        SipTransportStats stats = server.GetStats();
        Assert.Equal(1, stats.TcpConnectionsAccepted);
        Assert.Equal(0, stats.TcpConnectionsOpened);
        Assert.Equal(1, stats.TcpConnectionsOpen);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Transport_to_transport_connects_once_and_both_sides_reuse_it(string address)
    {
        if (!RequireFamily(address))
        {
            return;
        }

        await using SipTransportManager a = await StartAsync(Tcp(address));
        await using SipTransportManager b = await StartAsync(Tcp(address));
        var atA = new PacketCollector();
        var atB = new PacketCollector();
        a.SetPacketHandler(atA.Handle);
        b.SetPacketHandler(atB.Handle);

        await a.SendAsync(Ascii(Request("REGISTER")), b.LocalEndPoints[0], CancellationToken.None);
        ReceivedCopy register = await atB.NextAsync();
        await b.SendAsync(Ascii("SIP/2.0 200 OK\r\nl: 0\r\n\r\n"), register.Remote, CancellationToken.None);
        ReceivedCopy ok = await atA.NextAsync();
        await a.SendAsync(Ascii(Request("INVITE")), b.LocalEndPoints[0], CancellationToken.None);
        ReceivedCopy invite = await atB.NextAsync();

        Assert.Equal("SIP/2.0 200 OK\r\nl: 0\r\n\r\n", ok.Text);
        Assert.Equal(b.LocalEndPoints[0].EndPoint, ok.Remote.EndPoint);
        Assert.Equal(register.ConnectionId, invite.ConnectionId);
        Assert.Equal(1, a.GetStats().TcpConnectionsOpened);
        Assert.Equal(0, a.GetStats().TcpConnectionsAccepted);
        Assert.Equal(1, b.GetStats().TcpConnectionsAccepted);
        Assert.Equal(0, b.GetStats().TcpConnectionsOpened);
    }

    [Fact]
    public async Task Concurrent_sends_to_a_new_destination_share_one_connection_and_never_interleave()
    {
        await using SipTransportManager a = await StartAsync(Tcp("127.0.0.1"));
        await using SipTransportManager b = await StartAsync(Tcp("127.0.0.1"));
        var atB = new PacketCollector();
        b.SetPacketHandler(atB.Handle);
        string[] messages = [.. Enumerable.Range(0, 40).Select(i => Request("MESSAGE", bodyLength: 2000 + i))];

        await Task.WhenAll(messages.Select(m => Task.Run(async () => await a.SendAsync(Ascii(m), b.LocalEndPoints[0], CancellationToken.None))));

        var received = new List<string>();
        for (int i = 0; i < messages.Length; i++)
        {
            received.Add((await atB.NextAsync()).Text);
        }

        Assert.Equal(messages.Order(), received.Order());
        Assert.Equal(1, a.GetStats().TcpConnectionsOpened);
        Assert.Equal(1, b.GetStats().TcpConnectionsAccepted);
    }

    [Fact]
    public async Task Connect_refused_is_a_typed_error()
    {
        await using SipTransportManager manager = await StartAsync(Tcp("127.0.0.1"));
        IPEndPoint closed;
        using (var gone = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            gone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closed = (IPEndPoint)gone.LocalEndPoint!;
        }

        var error = await Assert.ThrowsAsync<SipTransportException>(
            async () => await manager.SendAsync(Ascii(Request("OPTIONS")), new SipEndPoint(SipProtocol.Tcp, closed), CancellationToken.None));

        Assert.Equal(SipTransportError.ConnectFailed, error.Error);
        Assert.Equal(SocketError.ConnectionRefused, error.SocketError);
        Assert.Equal(1, manager.GetStats().SendErrors);
        Assert.Equal(0, manager.GetStats().TcpConnectionsOpen);
    }

    [Fact]
    public async Task Flow_send_after_the_connection_closed_is_connection_closed()
    {
        await using SipTransportManager server = await StartAsync(Tcp("127.0.0.1"));
        var collector = new PacketCollector();
        server.SetPacketHandler(collector.Handle);
        ReceivedCopy request;
        using (Socket client = await ConnectAsync(server.LocalEndPoints[0]))
        {
            await client.SendAsync(Ascii(Request("INVITE")));
            request = await collector.NextAsync();
        }

        await EventuallyAsync(() => server.GetStats().TcpConnectionsOpen == 0, "server sees the close");
        var error = await Assert.ThrowsAsync<SipTransportException>(
            async () => await server.SendAsync(Ascii("SIP/2.0 200 OK\r\nl: 0\r\n\r\n"), request.Flow, CancellationToken.None));

        Assert.Equal(SipTransportError.ConnectionClosed, error.Error);
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_refused()
    {
        await using SipTransportManager server = await StartAsync(TimeProvider.System, o => o.MaxConnections = 2, Tcp("127.0.0.1"));
        using Socket first = await ConnectAsync(server.LocalEndPoints[0]);
        using Socket second = await ConnectAsync(server.LocalEndPoints[0]);
        await EventuallyAsync(() => server.GetStats().TcpConnectionsOpen == 2, "two connections open");

        using var third = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await third.ConnectAsync(server.LocalEndPoints[0].EndPoint).WaitAsync(WaitBound);
            Assert.True(await WaitForCloseAsync(third));
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            // The reset overtook the connect's completion: refused all the same.
        }

        await EventuallyAsync(() => server.GetStats().TcpConnectionsRejected == 1, "the third connection refused");
        Assert.True(first.Connected && second.Connected);
        Assert.Equal(2, server.GetStats().TcpConnectionsOpen);
    }

    [Fact]
    public async Task Stop_closes_connections_and_listeners()
    {
        SipTransportManager server = await StartAsync(Tcp("127.0.0.1"), Udp("127.0.0.1"));
        using Socket client = await ConnectAsync(server.LocalEndPoints[0]);
        await EventuallyAsync(() => server.GetStats().TcpConnectionsOpen == 1, "connection open");

        await server.StopAsync(CancellationToken.None);

        Assert.True(await WaitForCloseAsync(client));
        Assert.Equal(0, server.GetStats().TcpConnectionsOpen);
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await late.ConnectAsync(server.LocalEndPoints[0].EndPoint));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }
}
