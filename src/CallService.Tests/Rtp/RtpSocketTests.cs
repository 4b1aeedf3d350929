using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CallService.Sip.Rtp;

namespace CallService.Tests.Rtp;

public sealed class RtpSocketTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly Socket _peer = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly RtpSocket _socket = RtpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), TimeProvider.System);
    private readonly ConcurrentQueue<(RtpHeader Header, byte[] Payload, IPEndPoint Remote)> _rtp = new();
    private readonly ConcurrentQueue<(byte[] Compound, IPEndPoint Remote)> _rtcp = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public RtpSocketTests() => _peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public void Dispose()
    {
        _socket.Dispose();
        _peer.Dispose();
        _arrived.Dispose();
    }

    private void StartCollecting(RtpPacketHandler? extra = null) =>
        _socket.Start(
            (in RtpPacket packet, IPEndPoint remote, long arrival) =>
            {
                extra?.Invoke(packet, remote, arrival);
                _rtp.Enqueue((packet.Header, packet.Payload.ToArray(), remote));
                _arrived.Release();
            },
            (compound, remote, arrival) =>
            {
                _rtcp.Enqueue((compound.ToArray(), remote));
                _arrived.Release();
            });

    private void SendRtp(ushort seq, byte pt = 0, uint ssrc = 9)
    {
        var buffer = new byte[12 + 160];
        RtpPacketWriter.TryWrite(buffer, new RtpHeader(seq == 1, pt, seq, seq * 160u, ssrc), [], new byte[160], out int written);
        _peer.SendTo(buffer.AsSpan(0, written), SocketFlags.None, _socket.LocalEndPoint);
    }

    private async Task WaitForAsync(int deliveries)
    {
        for (int i = 0; i < deliveries; i++)
        {
            Assert.True(await _arrived.WaitAsync(Wait), $"delivery {i + 1} of {deliveries} did not arrive");
        }
    }

    [Fact]
    public async Task Delivers_rtp_with_the_peer_address_and_counts_it()
    {
        StartCollecting();
        SendRtp(1);
        SendRtp(2);
        await WaitForAsync(2);

        Assert.Equal(2, _rtp.Count);
        Assert.True(_rtp.TryDequeue(out var first));
        Assert.Equal(new RtpHeader(true, 0, 1, 160, 9), first.Header);
        Assert.Equal(160, first.Payload.Length);
        Assert.Equal(_peer.LocalEndPoint, first.Remote);
        Assert.Equal(2, _socket.Statistics.PacketsReceived);
        Assert.Equal(0, _socket.BadPackets);
    }

    [Fact]
    public async Task Bad_packets_are_counted_and_dropped_and_the_loop_goes_on()
    {
        StartCollecting();
        _peer.SendTo(new byte[] { 1, 2, 3 }, _socket.LocalEndPoint); // too short
        _peer.SendTo(RtpTestData.Hex("40 00 00 01 00 00 00 00 00 00 00 01"), _socket.LocalEndPoint); // version 1
        _peer.SendTo(RtpTestData.Hex("83 00 00 01 00 00 00 00 00 00 00 01"), _socket.LocalEndPoint); // CSRCs missing
        _peer.SendTo(RtpTestData.Hex("81 C9 00 01 00 00 00 01"), _socket.LocalEndPoint); // RTCP RR missing its block
        _peer.SendTo(new byte[3000], _socket.LocalEndPoint); // longer than the receive buffer
        SendRtp(1);
        await WaitForAsync(1);

        Assert.Single(_rtp);
        Assert.Equal(5, _socket.BadPackets);
    }

    [Fact]
    public async Task Rtcp_on_the_rtp_port_goes_to_the_rtcp_callback()
    {
        StartCollecting();
        var buffer = new byte[128];
        RtcpWriter.TryWriteReceiverReport(buffer, 77, [], out int rr);
        RtcpWriter.TryWriteBye(buffer.AsSpan(rr), [77], [], out int bye);
        _peer.SendTo(buffer.AsSpan(0, rr + bye), SocketFlags.None, _socket.LocalEndPoint);
        SendRtp(1);
        await WaitForAsync(2);

        Assert.Single(_rtp);
        Assert.True(_rtcp.TryDequeue(out var rtcp));
        Assert.Equal(rr + bye, rtcp.Compound.Length);
        Assert.Equal(1, _socket.RtcpPackets);
        Assert.Equal(1, _socket.Statistics.PacketsReceived); // RTCP is not RTP
    }

    [Fact]
    public async Task Duplicates_are_counted_and_not_delivered()
    {
        StartCollecting();
        SendRtp(1);
        SendRtp(1);
        SendRtp(2);
        await WaitForAsync(2);

        Assert.Equal([1, 2], _rtp.Select(r => (int)r.Header.SequenceNumber));
        Assert.Equal(1, _socket.Statistics.Duplicates);
    }

    [Fact]
    public async Task A_throwing_handler_does_not_stop_the_loop()
    {
        int calls = 0;
        StartCollecting((in RtpPacket packet, IPEndPoint remote, long arrival) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("handler bug");
            }
        });
        SendRtp(1);
        SendRtp(2);
        await WaitForAsync(1);

        Assert.Equal(1, _socket.HandlerErrors);
        Assert.Equal(2, _rtp.Single().Header.SequenceNumber);
    }

    [Fact]
    public async Task Cancellation_ends_the_receive_loop()
    {
        using var cts = new CancellationTokenSource();
        _socket.Start((in RtpPacket packet, IPEndPoint remote, long arrival) => { }, cancellationToken: cts.Token);
        Assert.False(_socket.Completion.IsCompleted);
        await cts.CancelAsync();
        await _socket.Completion.WaitAsync(Wait);
        Assert.Throws<InvalidOperationException>(() => _socket.Start((in RtpPacket packet, IPEndPoint remote, long arrival) => { }));
    }

    [Fact]
    public async Task Dispose_ends_the_receive_loop()
    {
        StartCollecting();
        _socket.Dispose();
        await _socket.Completion.WaitAsync(Wait);
        Assert.True(_socket.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Symmetric_rtp_latches_the_stream_to_the_first_sender()
    {
        var stream = new RtpStream(_socket, new RtpStreamOptions { LatchRemote = true }, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 4000));
        StartCollecting((in RtpPacket packet, IPEndPoint remote, long arrival) => stream.TryLatchRemote(remote));
        SendRtp(1);
        await WaitForAsync(1);
        Assert.Equal(_peer.LocalEndPoint, stream.RemoteEndPoint);

        // And the stream's packets now leave from the leg's socket towards the peer.
        stream.SetSource(new CountingSource(3));
        stream.Tick(new byte[1500], 0);
        var received = new byte[1500];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        _peer.ReceiveTimeout = (int)Wait.TotalMilliseconds;
        int length = _peer.ReceiveFrom(received, ref from);
        Assert.Equal(_socket.LocalEndPoint, from);
        Assert.True(RtpPacket.TryParse(received.AsSpan(0, length), out RtpPacket sent, out _));
        Assert.Equal(stream.Ssrc, sent.Ssrc);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Kernel_timestamps_date_arrival_to_reception_not_to_the_receive_loop(bool kernelTimestamps)
    {
        using RtpSocket socket = RtpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), TimeProvider.System, new RtpSocketOptions { KernelTimestamps = kernelTimestamps });
        var ages = new ConcurrentQueue<TimeSpan>();
        using var measured = new SemaphoreSlim(0);

        // An odd packet queues the next (even) one behind it and holds the receive loop for 200 ms,
        // so the even packet is read 200 ms after the kernel received it.
        socket.Start((in RtpPacket packet, IPEndPoint remote, long arrival) =>
        {
            if (packet.SequenceNumber % 2 == 1)
            {
                _peer.SendTo(RtpPacketBytes((ushort)(packet.SequenceNumber + 1)), socket.LocalEndPoint);
                Thread.Sleep(200);
                return;
            }

            ages.Enqueue(TimeProvider.System.GetElapsedTime(arrival));
            measured.Release();
        });

        // Linux turns stamping on through deferred work, so the very first packets may go unstamped
        // (and are then dated by the loop, as without the option): allow a few rounds.
        bool stampedOnThisOs = kernelTimestamps && OperatingSystem.IsLinux();
        for (ushort round = 0; round < 5; round++)
        {
            _peer.SendTo(RtpPacketBytes((ushort)((2 * round) + 1)), socket.LocalEndPoint);
            Assert.True(await measured.WaitAsync(Wait));
            if (!stampedOnThisOs || ages.Last() >= TimeSpan.FromMilliseconds(150))
            {
                break;
            }
        }

        if (stampedOnThisOs)
        {
            Assert.InRange(ages.Last(), TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(1));
        }
        else
        {
            Assert.InRange(ages.Last(), TimeSpan.Zero, TimeSpan.FromMilliseconds(150));
        }
    }

    private static byte[] RtpPacketBytes(ushort seq)
    {
        var buffer = new byte[12];
        RtpPacketWriter.WriteHeader(buffer, new RtpHeader(false, 0, seq, seq * 160u, 5));
        return buffer;
    }

    [Fact]
    public async Task Works_on_ipv6_loopback()
    {
        using RtpSocket v6 = RtpSocket.Open(new IPEndPoint(IPAddress.IPv6Loopback, 0), TimeProvider.System);
        using var peer = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        var got = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        v6.Start((in RtpPacket packet, IPEndPoint remote, long arrival) => got.TrySetResult(remote));
        peer.SendTo(RtpTestData.Hex("80 00 00 01 00 00 00 00 00 00 00 01"), v6.LocalEndPoint);

        Assert.Equal(peer.LocalEndPoint, await got.Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task Dual_mode_socket_talks_to_ipv4_peers_with_ipv4_addresses()
    {
        using RtpSocket any = RtpSocket.Open(new IPEndPoint(IPAddress.IPv6Any, 0), TimeProvider.System);
        var got = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        any.Start((in RtpPacket packet, IPEndPoint remote, long arrival) => got.TrySetResult(remote));
        _peer.SendTo(RtpTestData.Hex("80 00 00 01 00 00 00 00 00 00 00 01"), new IPEndPoint(IPAddress.Loopback, any.LocalEndPoint.Port));

        IPEndPoint remote = await got.Task.WaitAsync(Wait);
        Assert.Equal(_peer.LocalEndPoint, remote); // unmapped from ::ffff:127.0.0.1

        any.Send(RtpTestData.Hex("80 00 00 02 00 00 00 00 00 00 00 01"), remote); // IPv4 target on an IPv6 socket
        var buffer = new byte[64];
        _peer.ReceiveTimeout = (int)Wait.TotalMilliseconds;
        Assert.Equal(12, _peer.Receive(buffer));
        Assert.Equal(0, any.SendErrors);
    }

    [Fact]
    public void Ports_come_from_the_allocator_and_go_back_on_dispose()
    {
        // Find a free even/odd pair range by binding a probe, then occupy its first port from outside.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int basePort = ((IPEndPoint)probe.LocalEndPoint!).Port & ~1;
        probe.Dispose();
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            squatter.Bind(new IPEndPoint(IPAddress.Loopback, basePort));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Someone else already holds it: just as good for this test.
        }

        var ports = new RtpPortAllocator(basePort, basePort + 5);
        Assert.True(RtpSocket.TryOpen(IPAddress.Loopback, ports, TimeProvider.System, out RtpSocket? socket));
        using (socket)
        {
            Assert.NotNull(socket);
            Assert.Equal(0, socket.LocalEndPoint.Port % 2);
            Assert.NotEqual(basePort, socket.LocalEndPoint.Port); // taken from outside: skipped
            Assert.Equal(1, ports.Allocated);
        }

        Assert.Equal(0, ports.Allocated);
    }

    [Fact]
    public void An_exhausted_range_fails_softly()
    {
        var ports = new RtpPortAllocator(30000, 30001);
        Assert.True(ports.TryAllocate(out _));
        Assert.False(RtpSocket.TryOpen(IPAddress.Loopback, ports, TimeProvider.System, out RtpSocket? socket));
        Assert.Null(socket);
    }
}
