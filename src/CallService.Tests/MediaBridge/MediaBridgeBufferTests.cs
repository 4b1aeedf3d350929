using System.Net;
using CallService.Sip.Media;
using CallService.Sip.Rtp;
using CallService.Tests.Rtp;
using CallService.Tests.Support;
using Xunit.Abstractions;
using Bridge = CallService.Sip.Media.MediaBridge;

namespace CallService.Tests.MediaBridge;

/// <summary>
/// The bridge's buffer policy seen from the phones, on loopback with the real pacer: a talker that
/// stops is concealed by one repeated frame and then silence; a talker that sends too fast is cut
/// back to the buffer's depth by dropping the oldest frames. Run alone (real time).
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class MediaBridgeBufferTests(ITestOutputHelper output) : IDisposable
{
    private readonly RtpPacer _pacer = StartPacer(TimeSpan.FromMilliseconds(20));

    public void Dispose() => _pacer.Dispose();

    [Fact]
    public async Task When_the_caller_stops_sending_the_agent_hears_one_repeated_frame_then_silence()
    {
        using var rig = BridgeRig.Start(_pacer, BridgeRig.Ports(), AudioCodecKind.Pcmu, AudioCodecKind.G722,
            BridgeRig.Tone(440, AudioCodecKind.Pcmu), null);
        rig.Bridge.Connect();
        await rig.FramesPass(25);
        var talking = rig.Bridge.GetStatistics(BridgeDirection.CallerToAgent);

        rig.PhoneA.Play(null); // A goes quiet (silence suppression, or A holds)
        await rig.FramesPass(25);
        await rig.ArrivedAsync();
        var quiet = rig.Bridge.GetStatistics(BridgeDirection.CallerToAgent);
        output.WriteLine($"talking {talking}; quiet {quiet}");

        // One underrun episode: at most one repeat, then a silence frame on every later tick; the
        // agent leg still sends on every tick (B's phone keeps its rhythm).
        Assert.InRange(quiet.FramesRepeated - talking.FramesRepeated, 0, 1);
        Assert.True(quiet.SilenceFrames - talking.SilenceFrames >= 20, $"silence frames: {quiet.SilenceFrames - talking.SilenceFrames}");
        Assert.Equal(quiet.Underruns, quiet.FramesRepeated + quiet.SilenceFrames);
        Assert.Equal(0, quiet.Overruns - talking.Overruns);

        var lastTenthOfASecond = rig.AtB.Decode(rig.AtB.Packets)[^1600..];
        Assert.True(ToneAnalysis.Rms(lastTenthOfASecond) < 100, $"B hears silence (RMS {ToneAnalysis.Rms(lastTenthOfASecond):F0})");
    }

    [Fact]
    public async Task A_caller_sending_twice_too_fast_is_cut_to_the_buffer_depth_by_dropping_the_oldest_frames()
    {
        // Phone A: 20 ms frames every 10 ms, from a pacer of its own.
        using var fastPacer = StartPacer(TimeSpan.FromMilliseconds(10));
        var ports = BridgeRig.Ports();
        using var phoneA = RtpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), TimeProvider.System);
        using var callerLeg = MediaLeg.Open(IPAddress.Loopback, ports, _pacer, TimeProvider.System);
        callerLeg.Start(BridgeRig.Negotiated(AudioCodecKind.Pcmu, phoneA.LocalEndPoint.Port));
        var (agentLeg, phoneB) = BridgeRig.StartPair(_pacer, ports, AudioCodecKind.Pcmu, null);
        using var _ = phoneB;
        using var __ = agentLeg;
        using var bridge = new Bridge(callerLeg, agentLeg, new MediaBridgeOptions { BufferDepth = 2 });
        bridge.Connect();

        var stream = new RtpStream(phoneA, new RtpStreamOptions { PayloadType = 0 }, new IPEndPoint(IPAddress.Loopback, callerLeg.LocalPort));
        stream.SetSource(BridgeRig.Tone(440, AudioCodecKind.Pcmu));
        fastPacer.Add(stream);
        await Eventually.True(() => stream.PacketsSent >= 150, "1.5 s of double-rate packets", 10_000);
        stream.Close();
        long sent = stream.PacketsSent;
        await Eventually.True(() => bridge.GetStatistics(BridgeDirection.CallerToAgent).PacketsReceived >= sent - 1, "A's packets have arrived");
        // Silence is played only once the buffer is empty (after one repeated frame).
        long silence = bridge.GetStatistics(BridgeDirection.CallerToAgent).SilenceFrames;
        await Eventually.True(() => bridge.GetStatistics(BridgeDirection.CallerToAgent).SilenceFrames > silence, "the buffer has drained");

        var stats = bridge.GetStatistics(BridgeDirection.CallerToAgent);
        output.WriteLine($"sent {sent}; {stats}");

        // Every frame that came in was either played or dropped (none is left, none is lost
        // otherwise), and about half had to be dropped.
        Assert.Equal(stats.FramesBuffered, stats.FramesPlayed + stats.Overruns);
        Assert.InRange(stats.Overruns, stats.FramesBuffered * 3 / 10, stats.FramesBuffered * 7 / 10);
    }

    private static RtpPacer StartPacer(TimeSpan interval)
    {
        var pacer = new RtpPacer(TimeProvider.System, new RtpPacerOptions { FrameInterval = interval });
        pacer.Start();
        return pacer;
    }
}
