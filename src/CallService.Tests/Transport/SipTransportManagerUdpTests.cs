using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;
using static CallService.Sip.Transport.TransportTestKit;

namespace CallService.Sip.Transport;

public sealed class SipTransportManagerUdpTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Datagram_goes_out_of_the_listening_socket_and_the_reply_comes_back_on_the_flow(string address)
    {
        if (!RequireFamily(address))
        {
            return;
        }

        await using SipTransportManager a = await StartAsync(Udp(address));
        await using SipTransportManager b = await StartAsync(Udp(address));
        var atA = new PacketCollector();
        var atB = new PacketCollector();
        a.SetPacketHandler(atA.Handle);
        b.SetPacketHandler(atB.Handle);
        byte[] request = Ascii(Request("OPTIONS"));

        await a.SendAsync(request, b.LocalEndPoints[0], CancellationToken.None);
        ReceivedCopy got = await atB.NextAsync();

        Assert.Equal(request, got.Data);
        Assert.Equal(a.LocalEndPoints[0], got.Remote); // source port is A's SIP port (RFC 3581)
        Assert.Equal(b.LocalEndPoints[0], got.Local);
        Assert.Equal(0, got.ConnectionId);

        byte[] response = Ascii("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        await b.SendAsync(response, got.Flow, CancellationToken.None);
        ReceivedCopy reply = await atA.NextAsync();

        Assert.Equal(response, reply.Data);
        Assert.Equal(b.LocalEndPoints[0], reply.Remote);
        Assert.Equal(1, b.GetStats().DatagramsReceived);
        Assert.Equal(request.Length, b.GetStats().DatagramBytesReceived);
        Assert.Equal(1, a.GetStats().MessagesSent);
        Assert.Equal(request.Length, a.GetStats().BytesSent);
    }

    [Fact]
    public async Task Port_zero_reports_the_bound_port_and_udp_and_tcp_share_it()
    {
        await using SipTransportManager manager = await StartAsync(Udp("127.0.0.1"), Tcp("127.0.0.1"));

        Assert.Equal(2, manager.LocalEndPoints.Count);
        Assert.Equal(SipProtocol.Udp, manager.LocalEndPoints[0].Protocol);
        Assert.Equal(SipProtocol.Tcp, manager.LocalEndPoints[1].Protocol);
        Assert.NotEqual(0, manager.LocalEndPoints[0].EndPoint.Port);
        Assert.Equal(manager.LocalEndPoints[0].EndPoint.Port, manager.LocalEndPoints[1].EndPoint.Port);
    }

    [Fact]
    public async Task Wildcard_listener_receives_on_loopback()
    {
        await using SipTransportManager manager = await StartAsync(Udp("0.0.0.0"));
        var collector = new PacketCollector();
        manager.SetPacketHandler(collector.Handle);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendToAsync(Ascii("MESSAGE"), new IPEndPoint(IPAddress.Loopback, manager.LocalEndPoints[0].EndPoint.Port));
        ReceivedCopy got = await collector.NextAsync();

        Assert.Equal("MESSAGE", got.Text);
        Assert.Equal(client.LocalEndPoint, got.Remote.EndPoint);
        Assert.Equal(IPAddress.Any, got.Local.EndPoint.Address);
    }

    [Fact]
    public async Task Empty_and_crlf_keep_alive_and_oversized_datagrams_are_counted_and_dropped()
    {
        await using SipTransportManager manager = await StartAsync(TimeProvider.System, o => o.MaxDatagramSize = 1000, Udp("127.0.0.1"));
        var collector = new PacketCollector();
        manager.SetPacketHandler(collector.Handle);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        EndPoint target = manager.LocalEndPoints[0].EndPoint;

        await client.SendToAsync(Array.Empty<byte>(), target);
        await client.SendToAsync(Ascii("\r\n"), target);
        await client.SendToAsync(Ascii("\r\n\r\n"), target);
        await client.SendToAsync(new byte[1001], target);
        await client.SendToAsync(Ascii("INVITE"), target);
        ReceivedCopy got = await collector.NextAsync();

        Assert.Equal("INVITE", got.Text);
        Assert.False(collector.TryNext(out _));
        SipTransportStats stats = manager.GetStats();
        Assert.Equal(5, stats.DatagramsReceived);
        Assert.Equal(1, stats.DatagramsDroppedEmpty);
        Assert.Equal(2, stats.DatagramsDroppedKeepAlive);
        Assert.Equal(1, stats.DatagramsDroppedOversized);
    }

    [Fact]
    public async Task Handler_exception_is_counted_and_the_next_datagram_is_delivered()
    {
        await using SipTransportManager manager = await StartAsync(Udp("127.0.0.1"));
        var collector = new PacketCollector();
        manager.SetPacketHandler((in SipInboundPacket packet) =>
        {
            if (packet.Data.Span[0] == (byte)'X')
            {
                throw new InvalidOperationException("consumer bug");
            }

            collector.Handle(packet);
        });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        await client.SendToAsync(Ascii("X boom"), manager.LocalEndPoints[0].EndPoint);
        await client.SendToAsync(Ascii("OPTIONS"), manager.LocalEndPoints[0].EndPoint);

        Assert.Equal("OPTIONS", (await collector.NextAsync()).Text);
        Assert.Equal(1, manager.GetStats().HandlerExceptions);
    }

    [Fact]
    public async Task Ten_thousand_random_datagrams_do_not_stop_the_loop()
    {
        await using SipTransportManager manager = await StartAsync(Udp("127.0.0.1"));
        long handled = 0;
        var marker = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        manager.SetPacketHandler((in SipInboundPacket packet) =>
        {
            ReadOnlySpan<byte> data = packet.Data.Span;
            if (data.SequenceEqual("OPTIONS sip:marker SIP/2.0\r\n\r\n"u8))
            {
                marker.TrySetResult(data.ToArray());
                return;
            }

            if (Interlocked.Increment(ref handled) % 7 == 0)
            {
                throw new FormatException("the consumer chokes on garbage");
            }
        });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        EndPoint target = manager.LocalEndPoints[0].EndPoint;
        var random = new Random(3261);
        byte[] noise = new byte[SipTransportOptions.MaxUdpPayload];

        for (int i = 0; i < 10_000; i++)
        {
            int size = random.Next(0, 5) == 0 ? random.Next(0, 16) : random.Next(0, SipTransportOptions.MaxUdpPayload + 1);
            random.NextBytes(noise.AsSpan(0, size));
            await client.SendToAsync(noise.AsMemory(0, size), target);
        }

        // The loop may still be chewing on the flood, and the kernel may drop datagrams (the marker too)
        // while the socket buffer is full: like any UDP sender (RFC 3261 17.1.2.2), resend until it lands.
        byte[] valid = Ascii("OPTIONS sip:marker SIP/2.0\r\n\r\n");
        using var bound = new CancellationTokenSource(WaitBound);
        int markersSent = 0;
        while (!marker.Task.IsCompleted)
        {
            await client.SendToAsync(valid, target);
            markersSent++;
            await Task.WhenAny(marker.Task, Task.Delay(250, bound.Token));
        }

        byte[] delivered = await marker.Task;

        Assert.Equal(valid, delivered);
        SipTransportStats stats = manager.GetStats();
        output.WriteLine(stats.ToString());
        Assert.True(stats.DatagramsReceived > 1, "the flood reached the socket");
        Assert.True(stats.DatagramsReceived <= 10_000 + markersSent, "never more than was sent");
        Assert.Equal(Interlocked.Read(ref handled) / 7, stats.HandlerExceptions);
        Assert.Equal(0, stats.UdpReceiveErrors);
    }

    [Fact]
    public async Task Sending_to_a_closed_port_does_not_break_receiving()
    {
        await using SipTransportManager manager = await StartAsync(Udp("127.0.0.1"));
        var collector = new PacketCollector();
        manager.SetPacketHandler(collector.Handle);
        IPEndPoint closed;
        using (var gone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            gone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closed = (IPEndPoint)gone.LocalEndPoint!;
        }

        // The ICMP port-unreachable that comes back must not end the receive loop.
        for (int i = 0; i < 3; i++)
        {
            await manager.SendAsync(Ascii("OPTIONS"), new SipEndPoint(SipProtocol.Udp, closed), CancellationToken.None);
        }

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await client.SendToAsync(Ascii("BYE"), manager.LocalEndPoints[0].EndPoint);

        Assert.Equal("BYE", (await collector.NextAsync()).Text);
    }

    [Fact]
    public async Task Packets_without_a_handler_are_counted()
    {
        await using SipTransportManager manager = await StartAsync(Udp("127.0.0.1"));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        await client.SendToAsync(Ascii("OPTIONS"), manager.LocalEndPoints[0].EndPoint);

        await EventuallyAsync(() => manager.GetStats().PacketsDroppedNoHandler == 1, "the packet to be dropped");
    }

    [Fact]
    public async Task Too_large_datagram_is_refused_with_a_typed_error()
    {
        await using SipTransportManager manager = await StartAsync(TimeProvider.System, o => o.MaxDatagramSize = 1300, Udp("127.0.0.1"));

        var error = await Assert.ThrowsAsync<SipTransportException>(
            async () => await manager.SendAsync(new byte[1301], manager.LocalEndPoints[0], CancellationToken.None));

        Assert.Equal(SipTransportError.MessageTooLarge, error.Error);
        Assert.Equal(1, manager.GetStats().SendErrors);
    }

    [Fact]
    public async Task No_listener_of_the_family_or_protocol_is_a_typed_error()
    {
        await using SipTransportManager manager = await StartAsync(Udp("127.0.0.1"));

        var ipv6 = await Assert.ThrowsAsync<SipTransportException>(
            async () => await manager.SendAsync(Ascii("OPTIONS"), Udp("::1", 5060), CancellationToken.None));
        var tls = await Assert.ThrowsAsync<SipTransportException>(
            async () => await manager.SendAsync(Ascii("OPTIONS"), new SipEndPoint(SipProtocol.Tls, new IPEndPoint(IPAddress.Loopback, 5061)), CancellationToken.None));

        Assert.Equal(SipTransportError.NoListener, ipv6.Error);
        Assert.Equal(SipTransportError.ProtocolNotSupported, tls.Error);
        Assert.Equal(2, manager.GetStats().SendErrors);
    }

    [Fact]
    public async Task Send_before_start_and_after_stop_fails_as_stopped()
    {
        var options = new SipTransportOptions { ListenEndPoints = [Udp("127.0.0.1")] };
        var manager = new SipTransportManager(options, TimeProvider.System);
        var before = await Assert.ThrowsAsync<SipTransportException>(
            async () => await manager.SendAsync(Ascii("OPTIONS"), Udp("127.0.0.1", 5060), CancellationToken.None));
        await manager.StartAsync(CancellationToken.None);
        await manager.StopAsync(CancellationToken.None);

        var after = await Assert.ThrowsAsync<SipTransportException>(
            async () => await manager.SendAsync(Ascii("OPTIONS"), Udp("127.0.0.1", 5060), CancellationToken.None));

        Assert.Equal(SipTransportError.Stopped, before.Error);
        Assert.Equal(SipTransportError.Stopped, after.Error);
        await Assert.ThrowsAsync<InvalidOperationException>(() => manager.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_port_in_use_fails_start_naming_the_setting()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)holder.LocalEndPoint!).Port;
        var manager = new SipTransportManager(new SipTransportOptions { ListenEndPoints = [Tcp("127.0.0.1"), Udp("127.0.0.1", port)] }, TimeProvider.System);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => manager.StartAsync(CancellationToken.None));

        Assert.Contains("SipTransport:ListenEndPoints", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Empty(manager.LocalEndPoints);
    }
}
