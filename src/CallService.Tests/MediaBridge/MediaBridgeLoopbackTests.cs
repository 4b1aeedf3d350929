using System.Net;
using CallService.Sip.Media;
using CallService.Sip.Rtp;
using CallService.Tests.Rtp;
using CallService.Tests.Support;
using Xunit.Abstractions;
using Bridge = CallService.Sip.Media.MediaBridge;

namespace CallService.Tests.MediaBridge;

/// <summary>
/// A bridged call end to end on loopback sockets with the real pacer:
/// phone A &lt;-&gt; caller leg [bridge] agent leg &lt;-&gt; phone B. Run alone (real time).
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class MediaBridgeLoopbackTests(ITestOutputHelper output) : IDisposable
{
    // 2 s of 20 ms frames.
    private const int WindowFrames = 100;

    private readonly RtpPacer _pacer = StartPacer();

    public void Dispose() => _pacer.Dispose();

    [Theory]
    [InlineData(AudioCodecKind.Pcmu)]
    [InlineData(AudioCodecKind.Pcma)]
    public async Task A_G711_caller_and_a_G722_agent_hear_each_others_tones_through_the_transcoding_bridge(AudioCodecKind callerCodec)
    {
        using var rig = BridgeRig.Start(_pacer, BridgeRig.Ports(), callerCodec, AudioCodecKind.G722,
            BridgeRig.Tone(440, callerCodec), BridgeRig.Tone(1000, AudioCodecKind.G722));

        rig.Bridge.Connect();
        Assert.True(rig.Bridge.IsConnected);
        await rig.FramesPass(10); // the first packets have crossed the bridge
        ushort toBFrom = rig.AgentLeg.Stream!.NextSequenceNumber, toAFrom = rig.CallerLeg.Stream!.NextSequenceNumber;
        long started = TimeProvider.System.GetTimestamp();
        await rig.FramesPass(WindowFrames);
        ushort toBEnd = rig.AgentLeg.Stream.NextSequenceNumber, toAEnd = rig.CallerLeg.Stream.NextSequenceNumber;
        double seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        await rig.ArrivedAsync();
        var atB = rig.AtB.Packets.Where(p => Between(p.Header.SequenceNumber, toBFrom, toBEnd)).ToList();
        var atA = rig.AtA.Packets.Where(p => Between(p.Header.SequenceNumber, toAFrom, toAEnd)).ToList();

        var toAgent = rig.Bridge.GetStatistics(BridgeDirection.CallerToAgent);
        var toCaller = rig.Bridge.GetStatistics(BridgeDirection.AgentToCaller);
        output.WriteLine($"{seconds:F2} s: B got {atB.Count}, A got {atA.Count}; to agent {toAgent}; to caller {toCaller}");

        // Packet counts both ways: of the packets the window's ticks sent, which should be one per
        // 20 ms, at least 90 % of the window's frames arrived.
        int expected = (int)Math.Round(seconds * 50);
        Assert.InRange(atB.Count, expected * 9 / 10, expected + 2);
        Assert.InRange(atA.Count, expected * 9 / 10, expected + 2);
        Assert.All(atB, p => Assert.Equal(AudioCodec.G722.PayloadType, p.Header.PayloadType));
        Assert.All(atA, p => Assert.Equal(AudioCodec.Get(callerCodec).PayloadType, p.Header.PayloadType));

        // B decodes G.722 at 16 kHz and hears A's 440 Hz; A decodes its G.711 at 8 kHz and hears 1 kHz.
        short[] heardByB = rig.AtB.Decode(rig.AtB.Packets);
        short[] heardByA = rig.AtA.Decode(rig.AtA.Packets);
        AssertTone(heardByB[^16000..], 16000, 440);
        AssertTone(heardByA[^8000..], 8000, 1000);

        // Most ticks played the talker's audio, not concealment (a loaded machine can stall a receive
        // loop for hundreds of ms: the bound leaves room for that), and the counters add up.
        Assert.True(toAgent.FramesPlayed >= expected / 2, $"to agent: {toAgent}");
        Assert.True(toCaller.FramesPlayed >= expected / 2, $"to caller: {toCaller}");
        Assert.Equal(toAgent.Underruns, toAgent.FramesRepeated + toAgent.SilenceFrames);
        Assert.Equal(toCaller.Underruns, toCaller.FramesRepeated + toCaller.SilenceFrames);
        Assert.Equal(0, toAgent.LatePackets + toCaller.LatePackets);
        Assert.Equal(0, _pacer.Faults);
    }

    [Fact]
    public async Task Same_codec_on_both_legs_passes_the_payload_through_untouched()
    {
        var aSays = BridgeRig.Tone(440, AudioCodecKind.Pcmu);
        using var rig = BridgeRig.Start(_pacer, BridgeRig.Ports(), AudioCodecKind.Pcmu, AudioCodecKind.Pcmu, aSays, null);
        rig.Bridge.Connect();
        await rig.FramesPass(WindowFrames / 2);
        await rig.ArrivedAsync(); // B's receive loop may run behind the real-time pacer

        // Every frame B hears is byte for byte one of the frames A sent (or concealment of an underrun).
        var sent = new HashSet<string>(Enumerable.Range(0, aSays.Frames.FrameCount).Select(i => Convert.ToHexString(aSays.Frames[i])));
        var atB = rig.AtB.Packets;
        int fromA = atB.Count(p => sent.Contains(Convert.ToHexString(p.Payload)));
        var stats = rig.Bridge.GetStatistics(BridgeDirection.CallerToAgent);
        Assert.True(fromA >= atB.Count - stats.SilenceFrames - stats.FramesRepeated - 1, $"{fromA} of {atB.Count} frames are A's; {stats}");
        Assert.True(fromA >= 40, $"{fromA} of A's frames reached B");
    }

    [Fact]
    public async Task A_digit_pressed_on_phone_A_is_heard_once_on_phone_B()
    {
        using var rig = BridgeRig.Start(_pacer, BridgeRig.Ports(), AudioCodecKind.Pcmu, AudioCodecKind.G722,
            BridgeRig.Tone(440, AudioCodecKind.Pcmu), BridgeRig.Tone(1000, AudioCodecKind.G722));
        rig.Bridge.Connect();
        await rig.FramesPass(5);

        Assert.True(rig.PhoneA.Stream!.TrySendDtmf('5', TimeSpan.FromMilliseconds(120)));
        await Eventually.True(() => rig.AtB.Digits.Count > 0, "B detects the digit");
        await Eventually.True(() => rig.AgentLeg.Stream!.DtmfPacketsSent > 0 && !rig.AgentLeg.Stream.IsSendingDtmf, "the agent leg has sent the whole event");

        // Everything the agent leg has sent so far (end packets included) has arrived at B.
        ushort lastSent = (ushort)(rig.AgentLeg.Stream!.NextSequenceNumber - 1);
        await Eventually.True(
            () => (short)(ushort)((ushort)rig.PhoneB.ReceiveStatistics.ExtendedHighestSequence - lastSent) >= 0,
            "B has received all of the event");

        Assert.Equal(new[] { '5' }, rig.AtB.Digits);
        Assert.Empty(rig.AtA.Digits);
        Assert.Equal(1, rig.Bridge.GetStatistics(BridgeDirection.CallerToAgent).DigitsRelayed);
        Assert.Equal(0, rig.Bridge.GetStatistics(BridgeDirection.CallerToAgent).DigitsNotRelayed);
    }

    [Fact]
    public async Task Switching_the_caller_leg_bridge_then_prompt_then_bridge_keeps_sequence_and_timestamp_continuous_at_A()
    {
        using var rig = BridgeRig.Start(_pacer, BridgeRig.Ports(), AudioCodecKind.Pcmu, AudioCodecKind.G722,
            BridgeRig.Tone(440, AudioCodecKind.Pcmu), BridgeRig.Tone(1000, AudioCodecKind.G722));
        rig.Bridge.Connect();
        await rig.FramesPass(25);

        // Hold: A hears a prompt (700 Hz) instead of B; then the bridge again; then disconnect and
        // reconnect with another prompt in between.
        ushort holdStart = rig.CallerLeg.Stream!.NextSequenceNumber;
        rig.Bridge.Mute(BridgeDirection.AgentToCaller, BridgeRig.Tone(700, AudioCodecKind.Pcmu));
        await rig.FramesPass(25);
        ushort holdEnd = rig.CallerLeg.Stream.NextSequenceNumber;
        rig.Bridge.Unmute(BridgeDirection.AgentToCaller);
        await rig.FramesPass(25);
        rig.Bridge.Disconnect(BridgeRig.Tone(700, AudioCodecKind.Pcmu), BridgeRig.Tone(300, AudioCodecKind.G722));
        await rig.FramesPass(25);
        rig.Bridge.Connect();
        await rig.FramesPass(25);
        await rig.ArrivedAsync();

        var packets = rig.AtA.Packets.ToList();
        Assert.True(packets.Count >= 110, $"A received {packets.Count} packets");
        for (int i = 1; i < packets.Count; i++)
        {
            RtpHeader previous = packets[i - 1].Header, current = packets[i].Header;
            Assert.True(current.Ssrc == previous.Ssrc, $"SSRC changed at packet {i}");
            Assert.True((ushort)(previous.SequenceNumber + 1) == current.SequenceNumber, $"sequence {previous.SequenceNumber} then {current.SequenceNumber} at packet {i}");
            Assert.True(previous.Timestamp + 160 == current.Timestamp, $"timestamp {previous.Timestamp} then {current.Timestamp} at packet {i}");
        }

        // Each of the four switches started a talkspurt (RFC 3551 4.1), and the prompt really played.
        Assert.True(packets.Skip(1).Count(p => p.Header.Marker) >= 4, "a marker at each switch");
        var held = rig.AtA.Decode(packets.Where(p => Between(p.Header.SequenceNumber, (ushort)(holdStart + 2), holdEnd)));
        AssertTone(held, 8000, 700);
        AssertTone(rig.AtA.Decode(packets)[^4000..], 8000, 1000);
    }

    [Fact]
    public async Task Mute_is_one_way_the_caller_hears_hold_audio_while_the_agent_still_hears_the_caller()
    {
        using var rig = BridgeRig.Start(_pacer, BridgeRig.Ports(), AudioCodecKind.Pcma, AudioCodecKind.G722,
            BridgeRig.Tone(440, AudioCodecKind.Pcma), BridgeRig.Tone(1000, AudioCodecKind.G722));
        rig.Bridge.Mute(BridgeDirection.AgentToCaller, BridgeRig.Tone(700, AudioCodecKind.Pcma));
        Assert.True(rig.Bridge.IsMuted(BridgeDirection.AgentToCaller));
        Assert.False(rig.Bridge.IsMuted(BridgeDirection.CallerToAgent));
        rig.Bridge.Connect(); // the mute set before connecting applies at once
        await rig.FramesPass(50);
        await rig.ArrivedAsync();

        AssertTone(rig.AtA.Decode(rig.AtA.Packets)[^4000..], 8000, 700);
        AssertTone(rig.AtB.Decode(rig.AtB.Packets)[^8000..], 16000, 440);

        // B's audio is not even buffered while muted; its digits are not relayed to A.
        var muted = rig.Bridge.GetStatistics(BridgeDirection.AgentToCaller);
        Assert.Equal(0, muted.PacketsReceived);
        Assert.True(rig.PhoneB.Stream!.TrySendDtmf('7', TimeSpan.FromMilliseconds(100)));
        await Eventually.True(() => rig.PhoneB.Stream.DtmfPacketsSent > 0 && !rig.PhoneB.Stream.IsSendingDtmf, "B has sent the digit");
        await rig.FramesPass(5);
        Assert.Empty(rig.AtA.Digits);
        Assert.Equal(0, rig.Bridge.GetStatistics(BridgeDirection.AgentToCaller).DigitsRelayed);

        rig.Bridge.Unmute(BridgeDirection.AgentToCaller);
        await rig.FramesPass(50);
        await rig.ArrivedAsync();
        AssertTone(rig.AtA.Decode(rig.AtA.Packets)[^4000..], 8000, 1000);
    }

    [Fact]
    public async Task Disconnect_stops_the_flow_and_each_leg_plays_what_the_API_caller_supplies()
    {
        using var rig = BridgeRig.Start(_pacer, BridgeRig.Ports(), AudioCodecKind.Pcmu, AudioCodecKind.G722,
            BridgeRig.Tone(440, AudioCodecKind.Pcmu), BridgeRig.Tone(1000, AudioCodecKind.G722));
        rig.Bridge.Connect();
        await rig.FramesPass(25);
        Assert.True(rig.AgentLeg.Stream!.PacketsSent >= 15);

        rig.Bridge.Disconnect(callerHears: BridgeRig.Tone(700, AudioCodecKind.Pcmu), agentHears: null);
        Assert.False(rig.Bridge.IsConnected);
        await rig.FramesPass(3); // a tick already running when Disconnect came may still send

        // The agent leg sends nothing now, and the caller's audio is no longer taken into the bridge.
        await rig.ArrivedAsync();
        long agentSent = rig.AgentLeg.Stream.PacketsSent;
        ushort callerFrom = rig.CallerLeg.Stream!.NextSequenceNumber;
        long taken = rig.Bridge.GetStatistics(BridgeDirection.CallerToAgent).PacketsReceived;
        long takenFromAgent = rig.Bridge.GetStatistics(BridgeDirection.AgentToCaller).PacketsReceived;
        await rig.FramesPass(25);
        ushort callerEnd = rig.CallerLeg.Stream.NextSequenceNumber;
        await rig.ArrivedAsync();
        Assert.Equal(agentSent, rig.AgentLeg.Stream.PacketsSent);
        Assert.Equal(taken, rig.Bridge.GetStatistics(BridgeDirection.CallerToAgent).PacketsReceived);
        Assert.Equal(takenFromAgent, rig.Bridge.GetStatistics(BridgeDirection.AgentToCaller).PacketsReceived);

        // A hears the supplied 700 Hz, not B's 1 kHz, a packet every tick.
        var since = rig.AtA.Packets.Where(p => Between(p.Header.SequenceNumber, callerFrom, callerEnd)).ToList();
        Assert.Equal((ushort)(callerEnd - callerFrom), since.Count);
        Assert.True(since.Count >= 20, $"{since.Count} packets in 25 ticks");
        AssertTone(rig.AtA.Decode(since), 8000, 700);
    }

    [Fact]
    public async Task Dispose_while_connected_leaves_both_legs_silent_and_the_pacer_unharmed()
    {
        using var rig = BridgeRig.Start(_pacer, BridgeRig.Ports(), AudioCodecKind.Pcmu, AudioCodecKind.G722,
            BridgeRig.Tone(440, AudioCodecKind.Pcmu), BridgeRig.Tone(1000, AudioCodecKind.G722));
        rig.Bridge.Connect();
        await rig.FramesPass(10);

        rig.Bridge.Dispose();
        await rig.FramesPass(3);
        long callerSent = rig.CallerLeg.Stream!.PacketsSent, agentSent = rig.AgentLeg.Stream!.PacketsSent;
        await rig.FramesPass(10);

        Assert.Equal(callerSent, rig.CallerLeg.Stream.PacketsSent);
        Assert.Equal(agentSent, rig.AgentLeg.Stream.PacketsSent);
        Assert.Equal(0, _pacer.Faults);
        Assert.Throws<ObjectDisposedException>(rig.Bridge.Connect);
    }

    [Fact]
    public async Task A_talker_sending_30_ms_packets_is_cut_into_20_ms_frames()
    {
        // Phone A is a stream on a pacer of its own that sends 30 ms packets (240 bytes) of 440 Hz.
        using var slowPacer = new RtpPacer(TimeProvider.System, new RtpPacerOptions { FrameInterval = TimeSpan.FromMilliseconds(30), Scheduling = RtpPacerScheduling.Normal });
        slowPacer.Start();
        var ports = BridgeRig.Ports();
        using var phoneA = RtpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), TimeProvider.System);
        using var callerLeg = MediaLeg.Open(IPAddress.Loopback, ports, _pacer, TimeProvider.System);
        callerLeg.Start(BridgeRig.Negotiated(AudioCodecKind.Pcmu, phoneA.LocalEndPoint.Port));
        var (agentLeg, phoneB) = BridgeRig.StartPair(_pacer, ports, AudioCodecKind.G722, null);
        using var _ = phoneB;
        using var __ = agentLeg;
        var atB = new BridgeRig.Capture(phoneB);
        using var bridge = new Bridge(callerLeg, agentLeg);

        var stream = new RtpStream(phoneA, new RtpStreamOptions { PayloadType = 0, SamplesPerFrame = 240 }, new IPEndPoint(IPAddress.Loopback, callerLeg.LocalPort));
        stream.SetSource(new ThirtyMsTone(BridgeRig.Tone(440, AudioCodecKind.Pcmu)));
        slowPacer.Add(stream);
        bridge.Connect();

        await Eventually.True(() => stream.PacketsSent >= 70, "2 s of 30 ms packets", 10_000);
        await atB.ReceivedAllOfAsync(agentLeg.Stream!);
        var stats = bridge.GetStatistics(BridgeDirection.CallerToAgent);
        output.WriteLine($"sent {stream.PacketsSent}; {stats}");

        // 3 frames of 20 ms per 2 packets of 30 ms, and B hears the tone.
        Assert.InRange(stats.FramesBuffered, (stats.PacketsReceived * 3 / 2) - 1, stats.PacketsReceived * 3 / 2);
        AssertTone(atB.Decode(atB.Packets)[^16000..], 16000, 440);
        stream.Close();
    }

    private static void AssertTone(ReadOnlySpan<short> pcm, int sampleRate, double expectedHz)
    {
        double rms = ToneAnalysis.Rms(pcm);
        double dominant = ToneAnalysis.DominantFrequency(pcm, sampleRate, 200, 2000, 5);
        Assert.True(rms > 1000, $"a tone is heard (RMS {rms:F0})");
        Assert.True(Math.Abs(dominant - expectedHz) <= 10, $"dominant {dominant} Hz, expected {expectedHz} Hz");
    }

    // seq in [from, end) modulo 2^16 (RFC 3550 A.1 arithmetic).
    private static bool Between(ushort sequence, ushort from, ushort end) =>
        (ushort)(sequence - from) < (ushort)(end - from);

    private static RtpPacer StartPacer()
    {
        var pacer = new RtpPacer(TimeProvider.System);
        pacer.Start();
        return pacer;
    }

    /// <summary>Reads one and a half 20 ms frames per 30 ms tick from a 20 ms source.</summary>
    private sealed class ThirtyMsTone(PromptSource source) : IMediaSource
    {
        private readonly byte[] _carry = new byte[160];
        private readonly byte[] _frame = new byte[160];
        private int _carried;

        public bool IsFinished => false;

        public int ReadFrame(Span<byte> payload)
        {
            int written = 0;
            if (_carried > 0)
            {
                _carry.AsSpan(0, _carried).CopyTo(payload);
                written = _carried;
                _carried = 0;
            }

            while (written < 240)
            {
                Span<byte> frame = _frame;
                source.ReadFrame(frame);
                int take = Math.Min(160, 240 - written);
                frame[..take].CopyTo(payload[written..]);
                written += take;
                if (take < 160)
                {
                    frame[take..].CopyTo(_carry);
                    _carried = 160 - take;
                }
            }

            return 240;
        }
    }
}
