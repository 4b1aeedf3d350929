using System.Collections.Concurrent;
using System.Net;
using CallService.Sip.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Rtp;

/// <summary>
/// Two sessions on loopback, the pacer driven by hand on a fake clock (so each tick is one
/// synchronous send), the receive loops real.
/// </summary>
public sealed class RtpSessionTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly IPEndPoint Any = new(IPAddress.Loopback, 0);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RtpPacer _pacer;
    private readonly RtpSession _caller;
    private readonly RtpSession _callee;

    public RtpSessionTests()
    {
        _pacer = new RtpPacer(_clock, new RtpPacerOptions { Slots = 1 });
        var options = new RtpSessionOptions { Stream = new RtpStreamOptions { PayloadType = 8, TelephoneEventPayloadType = 101 } };
        _caller = RtpSession.Open(Any, _pacer, _clock, options);
        _callee = RtpSession.Open(Any, _pacer, _clock, options with
        {
            Stream = options.Stream with { LatchRemote = true },
            Cname = "callee@test",
        });
        _caller.Stream.SetRemote(_callee.LocalEndPoint);
        _callee.Stream.SetRemote(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 30000)); // what the SDP said
    }

    public void Dispose()
    {
        _caller.Dispose();
        _callee.Dispose();
        _pacer.Dispose();
    }

    private void Ticks(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _pacer.RunOnce(_clock.GetTimestamp());
            _clock.Advance(TimeSpan.FromMilliseconds(20));
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task Media_and_dtmf_are_split_and_the_callee_latches_to_the_caller()
    {
        var media = new ConcurrentQueue<byte>();
        var digits = new ConcurrentQueue<char>();
        _callee.Start(onMedia: (in RtpPacket packet, IPEndPoint remote, long arrival) => media.Enqueue(packet.PayloadType), onDtmf: e => digits.Enqueue(e.Digit));
        _caller.Start();
        _caller.Stream.SetSource(new CountingSource(1));

        Ticks(3);
        Assert.True(_caller.Stream.TrySendDtmf('7', TimeSpan.FromMilliseconds(60)));
        Ticks(10);
        await UntilAsync(() => _callee.Socket.Statistics.PacketsReceived == _caller.Stream.PacketsSent);

        Assert.Equal(['7'], digits);
        Assert.Equal(13 - 5, media.Count); // the 60 ms event took 5 ticks (3 frames + 2 repeated end packets)
        Assert.All(media, pt => Assert.Equal(8, pt));
        Assert.Equal(_caller.LocalEndPoint, _callee.Stream.RemoteEndPoint); // symmetric RTP
        Assert.Equal(0, _callee.Socket.Statistics.Lost);
    }

    [Fact]
    public async Task Reports_carry_lsr_and_dlsr_and_bye_is_seen()
    {
        var callerRtcp = new ConcurrentQueue<byte[]>();
        bool byeSeen = false;
        _callee.Start(onBye: () => Volatile.Write(ref byeSeen, true));
        _caller.Socket.Start((in RtpPacket p, IPEndPoint r, long a) => { }, (compound, remote, arrival) => callerRtcp.Enqueue(compound.ToArray()));
        _caller.Stream.SetSource(new CountingSource(1));
        Ticks(5);
        await UntilAsync(() => _callee.Socket.Statistics.PacketsReceived == 5);

        // Caller has sent: an SR. The callee answers 250 ms later with an RR about the caller.
        Assert.True(_caller.TrySendReport());
        await UntilAsync(() => _callee.Socket.RtcpPackets == 1);
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(_callee.TrySendReport());
        await UntilAsync(() => !callerRtcp.IsEmpty);

        Assert.True(callerRtcp.TryDequeue(out byte[]? compound));
        Assert.Equal(RtcpParseError.None, RtcpCompound.Validate(compound));
        var reader = new RtcpCompoundReader(compound);
        Assert.True(reader.TryReadNext(out RtcpPacket report));
        Assert.Equal(RtcpPacketType.ReceiverReport, report.PacketType); // the callee has sent nothing
        RtcpReportBlock block = report.GetReportBlock(0);
        Assert.Equal(_caller.Stream.Ssrc, block.Ssrc);
        Assert.Equal(NtpTimestamp.Middle32(NtpTimestamp.FromDateTimeOffset(_clock.GetUtcNow() - TimeSpan.FromMilliseconds(250))), block.LastSenderReport);
        Assert.Equal(65536u / 4, block.DelaySinceLastSenderReport);
        Assert.Equal(0, block.CumulativeLost);
        Assert.True(reader.TryReadNext(out RtcpPacket sdes));
        Assert.True(sdes.TryGetCname(out _, out ReadOnlySpan<byte> cname));
        Assert.Equal("callee@test"u8.ToArray(), cname.ToArray());

        Assert.True(_caller.TrySendBye("hangup"));
        // onBye runs after the session marks the BYE: wait for the callback, then the flag is set too.
        await UntilAsync(() => Volatile.Read(ref byeSeen));
        Assert.True(_callee.ByeReceived);
    }

    [Fact]
    public void Rtcp_goes_to_port_plus_one_without_mux()
    {
        using RtpSession plain = RtpSession.Open(Any, _pacer, _clock, new RtpSessionOptions { RtcpMux = false });
        Assert.Null(plain.RtcpRemoteEndPoint);
        Assert.False(plain.TrySendReport());

        plain.Stream.SetRemote(new IPEndPoint(IPAddress.Loopback, 40000));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40001), plain.RtcpRemoteEndPoint);
        plain.SetRtcpRemote(new IPEndPoint(IPAddress.Loopback, 40111));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40111), plain.RtcpRemoteEndPoint);
    }

    [Fact]
    public void Sessions_take_ports_from_the_allocator_and_dispose_gives_them_back()
    {
        var ports = new RtpPortAllocator(42000, 42999);
        Assert.True(RtpSession.TryOpen(IPAddress.Loopback, ports, _pacer, _clock, new RtpSessionOptions(), out RtpSession? session));
        Assert.Equal(0, session!.LocalEndPoint.Port % 2);
        _pacer.RunOnce(_clock.GetTimestamp());
        Assert.Equal(3, _pacer.StreamCount);

        session.Dispose();
        _pacer.RunOnce(_clock.GetTimestamp());
        Assert.Equal(2, _pacer.StreamCount);
        Assert.Equal(0, ports.Allocated);
    }
}
