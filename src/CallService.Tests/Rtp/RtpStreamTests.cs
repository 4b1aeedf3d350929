using System.Net;
using CallService.Sip.Media;
using CallService.Sip.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Rtp;

public class RtpStreamTests
{
    private static readonly RtpStreamOptions Fixed = new()
    {
        PayloadType = 0,
        Ssrc = 0x1234,
        InitialSequenceNumber = 65534, // wraps during the tests
        InitialTimestamp = uint.MaxValue - 200, // wraps too
    };

    private readonly byte[] _buffer = new byte[1500];
    private readonly CapturingSender _sender = new();

    private void Tick(RtpStream stream, int ticks = 1)
    {
        for (int i = 0; i < ticks; i++)
        {
            stream.Tick(_buffer, deadline: 0);
        }
    }

    [Fact]
    public void Seq_ts_and_ssrc_stay_continuous_across_source_switches()
    {
        var stream = new RtpStream(_sender, Fixed, RtpTestData.Remote);
        stream.SetSource(new CountingSource(tag: 1)); // ringback
        Tick(stream, 3);
        stream.SetSource(new CountingSource(tag: 2)); // prompt
        Tick(stream, 3);
        stream.SetPullSource(payload => // bridged from another leg
        {
            payload[..160].Fill(3);
            return 160;
        });
        Tick(stream, 3);

        Assert.Equal(9, _sender.Sent.Count);
        for (int i = 0; i < 9; i++)
        {
            RtpHeader header = _sender.HeaderAt(i);
            Assert.Equal(0x1234u, header.Ssrc);
            Assert.Equal((ushort)(65534 + i), header.SequenceNumber);
            Assert.Equal(unchecked(uint.MaxValue - 200 + (uint)(160 * i)), header.Timestamp);
            Assert.Equal(i is 0 or 3 or 6, header.Marker); // first packet, and after each switch
            Assert.Equal((byte)(1 + (i / 3)), _sender.PayloadAt(i)[0]);
            Assert.Equal(RtpTestData.Remote, _sender.Sent[i].Remote);
        }

        Assert.Equal(9, stream.PacketsSent);
        Assert.Equal(9 * 160, stream.OctetsSent);
    }

    [Fact]
    public void Timestamp_follows_wall_time_through_silence_and_marks_the_next_talkspurt()
    {
        var stream = new RtpStream(_sender, Fixed, RtpTestData.Remote);
        stream.SetSource(new GappySource(2, 3));
        Tick(stream, 6);

        Assert.Equal(4, _sender.Sent.Count); // ticks 0, 1, 4, 5
        uint t0 = _sender.HeaderAt(0).Timestamp;
        Assert.Equal([0u, 160u, 640u, 800u], Enumerable.Range(0, 4).Select(i => _sender.HeaderAt(i).Timestamp - t0));
        Assert.Equal([true, false, true, false], Enumerable.Range(0, 4).Select(i => _sender.HeaderAt(i).Marker));
        Assert.Equal([65534, 65535, 0, 1], Enumerable.Range(0, 4).Select(i => (int)_sender.HeaderAt(i).SequenceNumber));
    }

    [Fact]
    public void Without_a_source_or_remote_nothing_is_sent_but_time_advances()
    {
        var stream = new RtpStream(_sender, Fixed);
        stream.SetSource(new CountingSource(1));
        Tick(stream, 2); // no remote yet
        stream.SetRemote(RtpTestData.Remote);
        stream.SetSource(null);
        Tick(stream, 2); // no source
        stream.SetSource(new CountingSource(2));
        Tick(stream);

        RtpHeader only = Assert.Single(_sender.Sent.Select((_, i) => _sender.HeaderAt(i)));
        Assert.Equal(unchecked(uint.MaxValue - 200 + (4 * 160)), only.Timestamp);
        Assert.Equal(65534, only.SequenceNumber); // seq counts packets, not ticks
        Assert.True(only.Marker);
        Assert.Equal(unchecked(uint.MaxValue - 200 + (5 * 160)), stream.NextTimestamp);
    }

    [Fact]
    public void Remote_can_change_mid_stream()
    {
        var stream = new RtpStream(_sender, Fixed, RtpTestData.Remote);
        var moved = new IPEndPoint(IPAddress.Loopback, 41000);
        stream.SetSource(new CountingSource(1));
        Tick(stream);
        stream.SetRemote(moved); // re-INVITE
        Tick(stream);

        Assert.Equal(RtpTestData.Remote, _sender.Sent[0].Remote);
        Assert.Equal(moved, _sender.Sent[1].Remote);
        Assert.Equal((ushort)(_sender.HeaderAt(0).SequenceNumber + 1), _sender.HeaderAt(1).SequenceNumber);
    }

    [Fact]
    public void Symmetric_rtp_latches_on_the_first_packet_only()
    {
        var fromSdp = new IPEndPoint(IPAddress.Parse("10.0.0.5"), 30000);
        var natted = new IPEndPoint(IPAddress.Parse("203.0.113.7"), 61000);
        var other = new IPEndPoint(IPAddress.Parse("198.51.100.1"), 5000);
        var stream = new RtpStream(_sender, Fixed with { LatchRemote = true }, fromSdp);

        Assert.True(stream.TryLatchRemote(natted));
        Assert.False(stream.TryLatchRemote(other));
        Assert.Equal(natted, stream.RemoteEndPoint);

        stream.ResetLatch();
        Assert.True(stream.TryLatchRemote(other));
        Assert.Equal(other, stream.RemoteEndPoint);

        var notLatching = new RtpStream(_sender, Fixed, fromSdp);
        Assert.False(notLatching.TryLatchRemote(natted));
        Assert.Equal(fromSdp, notLatching.RemoteEndPoint);
    }

    [Fact]
    public void Payload_type_change_marks_the_next_packet()
    {
        var stream = new RtpStream(_sender, Fixed, RtpTestData.Remote);
        stream.SetSource(new CountingSource(1));
        Tick(stream, 2);
        stream.PayloadType = 8;
        Tick(stream);

        Assert.Equal(0, _sender.HeaderAt(1).PayloadType);
        Assert.Equal(8, _sender.HeaderAt(2).PayloadType);
        Assert.True(_sender.HeaderAt(2).Marker);
    }

    [Fact]
    public void Random_identifiers_differ_between_streams_unless_fixed()
    {
        var options = new RtpStreamOptions();
        var streams = Enumerable.Range(0, 8).Select(_ => new RtpStream(_sender, options)).ToArray();
        Assert.True(streams.Select(s => s.Ssrc).Distinct().Count() > 1);
        Assert.True(streams.Select(s => s.NextTimestamp).Distinct().Count() > 1);

        var fixedStream = new RtpStream(_sender, Fixed);
        Assert.Equal(0x1234u, fixedStream.Ssrc);
        Assert.Equal(65534, fixedStream.NextSequenceNumber);
    }

    [Fact]
    public async Task Source_finished_is_raised_once_when_a_prompt_ends()
    {
        var stream = new RtpStream(_sender, Fixed, RtpTestData.Remote);
        var prompt = new CountingSource(7, frames: 2);
        var finished = new TaskCompletionSource<IMediaSource>(TaskCreationOptions.RunContinuationsAsynchronously);
        int raised = 0;
        stream.SourceFinished += (s, source) =>
        {
            Interlocked.Increment(ref raised);
            finished.TrySetResult(source);
        };
        stream.SetSource(prompt);
        Tick(stream, 5);

        Assert.Same(prompt, await finished.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, _sender.Sent.Count);
        Assert.Equal(1, Volatile.Read(ref raised));
    }

    [Fact]
    public void Dtmf_replaces_audio_with_rfc4733_events_on_the_stream_timing()
    {
        var stream = new RtpStream(_sender, Fixed with { TelephoneEventPayloadType = 101, DtmfInterDigitGap = TimeSpan.FromMilliseconds(40) }, RtpTestData.Remote);
        stream.SetSource(new CountingSource(1));
        Tick(stream, 2);
        Assert.True(stream.TrySendDtmf('5', TimeSpan.FromMilliseconds(100), volume: 12));
        Assert.True(stream.TrySendDtmf('#', TimeSpan.FromMilliseconds(40)));
        Tick(stream, 20);

        var headers = Enumerable.Range(0, _sender.Sent.Count).Select(_sender.HeaderAt).ToArray();
        var events = Enumerable.Range(0, _sender.Sent.Count)
            .Select(i => (Header: headers[i], Dtmf: DtmfEvent.TryParse(_sender.PayloadAt(i), out DtmfEvent e) ? e : default))
            .ToArray();

        // Sequence and SSRC continuous over audio and events alike.
        Assert.Equal(22, headers.Length);
        for (int i = 1; i < headers.Length; i++)
        {
            Assert.Equal((ushort)(headers[i - 1].SequenceNumber + 1), headers[i].SequenceNumber);
            Assert.Equal(0x1234u, headers[i].Ssrc);
        }

        uint t0 = headers[0].Timestamp;

        // '5': 100 ms = 5 frames, then the end packet twice more (3 end packets), all at the event's timestamp.
        var five = events.Skip(2).Take(7).ToArray();
        Assert.All(five, e => Assert.Equal(101, e.Header.PayloadType));
        Assert.All(five, e => Assert.Equal(t0 + 320, e.Header.Timestamp));
        Assert.All(five, e => Assert.Equal(5, e.Dtmf.Event));
        Assert.All(five, e => Assert.Equal(12, e.Dtmf.Volume));
        Assert.Equal([true, false, false, false, false, false, false], five.Select(e => e.Header.Marker));
        Assert.Equal([160, 320, 480, 640, 800, 800, 800], five.Select(e => (int)e.Dtmf.Duration));
        Assert.Equal([false, false, false, false, true, true, true], five.Select(e => e.Dtmf.End));

        // Then 2 ticks (40 ms) of audio, the first of them a new talkspurt at wall-time timestamp.
        Assert.Equal(0, headers[9].PayloadType);
        Assert.True(headers[9].Marker);
        Assert.Equal(t0 + (9 * 160), headers[9].Timestamp);
        Assert.Equal(0, headers[10].PayloadType);

        // '#': 2 frames + 2 repeats of the end packet.
        var hash = events.Skip(11).Take(4).ToArray();
        Assert.All(hash, e => Assert.Equal(11, e.Dtmf.Event));
        Assert.All(hash, e => Assert.Equal(t0 + (11 * 160), e.Header.Timestamp));
        Assert.Equal([160, 320, 320, 320], hash.Select(e => (int)e.Dtmf.Duration));
        Assert.Equal(4, stream.DtmfPacketsSent - 7);
        Assert.False(stream.IsSendingDtmf);
        Assert.Equal(0, headers[15].PayloadType);
        Assert.True(headers[15].Marker);
    }

    [Fact]
    public void Dtmf_needs_a_negotiated_payload_type_and_a_dtmf_character()
    {
        var without = new RtpStream(_sender, Fixed, RtpTestData.Remote);
        Assert.False(without.TrySendDtmf('1', TimeSpan.FromMilliseconds(100)));

        var with = new RtpStream(_sender, Fixed with { TelephoneEventPayloadType = 101 }, RtpTestData.Remote);
        Assert.False(with.TrySendDtmf('x', TimeSpan.FromMilliseconds(100)));
        Assert.True(with.TrySendDtmf('1', TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Sender_report_carries_counts_and_the_rtp_time_of_now()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var stream = new RtpStream(_sender, Fixed with { InitialTimestamp = 1000 }, RtpTestData.Remote);
        stream.SetSource(new CountingSource(1));
        for (int i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(i == 0 ? 0 : 20));
            stream.Tick(_buffer, clock.GetTimestamp());
        }

        clock.Advance(TimeSpan.FromMilliseconds(10)); // 10 ms after the third tick
        var buffer = new byte[64];
        Assert.True(stream.TryWriteSenderReport(buffer, clock, [], out int written));
        Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, written), out RtcpPacket sr, out _, out _));

        Assert.Equal(0x1234u, sr.Ssrc);
        Assert.Equal(3u, sr.SenderInfo.PacketCount);
        Assert.Equal(480u, sr.SenderInfo.OctetCount);
        Assert.Equal(1000u + 320 + 80, sr.SenderInfo.RtpTimestamp);
        Assert.Equal(clock.GetUtcNow(), NtpTimestamp.ToDateTimeOffset(sr.SenderInfo.NtpTimestamp));
    }

    [Fact]
    public void Closed_stream_sends_nothing()
    {
        var stream = new RtpStream(_sender, Fixed, RtpTestData.Remote);
        stream.SetSource(new CountingSource(1));
        stream.Close();
        Tick(stream);
        Assert.True(stream.IsClosed);
        Assert.Empty(_sender.Sent);
    }
}
