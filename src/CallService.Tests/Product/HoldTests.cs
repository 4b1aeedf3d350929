using CallService.Records;
using CallService.Sip.Media;
using CallService.Tests.Interop;
using CallService.Tests.Support;
using Xunit.Abstractions;

namespace CallService.Tests.Product;

/// <summary>Hold for a lookup and the callback offer (issue 5), end to end: a real agent softphone holds, the
/// caller's received RTP is decoded and matched against the bundled prompts, the caller answers the offer
/// with an RFC 4733 key press, and the request and the call record are read back from the product.</summary>
[Collection("real peers")]
public sealed class HoldTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Lookup = TimeSpan.FromSeconds(30); // LookupCallbackSeconds' default

    [Fact]
    public async Task A_baresip_agent_holds_the_caller_hears_hold_audio_then_the_offer_at_30_s_presses_1_and_the_callback_is_recorded()
    {
        await using var product = await ProductProcess.StartAsync(HoldPeers.AgentArgs("alice"));
        await using var alice = await HoldPeers.AgentPhoneAsync("alice", product.SipPort);
        await alice.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));
        using var caller = new HoldCallerRtp();
        await using var sipp = Sipp.Start("caller-waits-for-bye.xml", product.SipPort,
            ["-s", "sales", "-key", "caller", "13700000021", "-key", "rtp_port", caller.Port.ToString(), "-m", "1"]);
        await Eventually.True(() => HoldPeers.HearsAgent(caller), "the caller hears the agent's 700 Hz through the bridge", 20_000);

        // The agent presses Hold: baresip re-INVITEs with a=sendonly.
        var holdPressed = DateTime.UtcNow;
        await alice.CommandAsync("/hold");
        await HoldUntilCallbackAsync(product, caller, holdPressed, "softphone hold = True", sipp, "13700000021");
        await alice.WaitForOutputAsync("BYE sip:", TimeSpan.FromSeconds(10)); // the agent's softphone is released too
        Assert.Contains("a=sendonly", alice.Output);
    }

    [Fact]
    public async Task A_softphone_holding_with_a_inactive_gets_the_same_hold_audio_offer_at_30_s_and_callback()
    {
        await using var product = await ProductProcess.StartAsync(HoldPeers.AgentArgs("alice"));
        int agentPort = FreePort.ForSip();
        await using (var register = Sipp.Start("agent-registers.xml", product.SipPort,
            ["-p", agentPort.ToString(), "-key", "agent", "alice", "-au", "alice", "-ap", HoldPeers.Password, "-m", "1"]))
        {
            int registered = await register.WaitForExitAsync(TimeSpan.FromSeconds(20));
            Assert.True(registered == 0, $"REGISTER: sipp exit {registered}:\n{SippInteropTests.Tail(register.Output)}");
        }
        // The agent's microphone: a 700 Hz tone, streamed on by sipp even while it holds (inactive must mute it).
        string voice = Directory.CreateTempSubdirectory("agent-voice-").FullName;
        TestAudio.WriteToneWav(Path.Combine(voice, "voice.wav"), seconds: 10, frequencyHz: 700);
        await using (var sox = ExternalProcess.Start("sox", ["voice.wav", "-r", "8000", "-c", "1", "-t", "raw", "-e", "mu-law", "agent-voice.raw"], voice))
        {
            Assert.Equal(0, await sox.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        }
        await using var agent = ExternalProcess.Start("sipp",
        [
            "-sf", Sipp.Scenario("agent-holds-inactive.xml"), $"127.0.0.1:{product.SipPort}", "-i", "127.0.0.1", "-p", agentPort.ToString(),
            "-key", "agent", "alice", "-aa", "-mi", "127.0.0.1", "-mp", HoldPeers.SippMediaPort().ToString(), "-m", "1", "-d", "3000",
            "-nostdin", "-timeout", "120s", "-timeout_error",
        ], voice);
        using var caller = new HoldCallerRtp();
        await using var sipp = Sipp.Start("caller-waits-for-bye.xml", product.SipPort,
            ["-s", "sales", "-key", "caller", "13700000022", "-key", "rtp_port", caller.Port.ToString(), "-m", "1"]);
        await Eventually.True(() => HoldPeers.HearsAgent(caller) || agent.HasExited, "the caller hears the agent's 700 Hz through the bridge", 20_000);
        Assert.False(agent.HasExited, $"the agent's sipp ended early:\n{SippInteropTests.Tail(agent.Output)}");

        // sipp re-INVITEs with a=inactive 3 s after the ACK; search for the hold audio from just before the service took it.
        var holdLogged = await HoldPeers.LoggedAtAsync(product, "softphone hold = True");
        await HoldUntilCallbackAsync(product, caller, holdLogged.AddMilliseconds(-500), "softphone hold = True", sipp, "13700000022", commandSent: false);
        int agentExit = await agent.WaitForExitAsync(TimeSpan.FromSeconds(10)); // it ends on the service's BYE
        Assert.True(agentExit == 0, $"agent sipp exit {agentExit}:\n{SippInteropTests.Tail(agent.Output)}");
    }

    /// <summary>From the agent's hold on: hold audio, the offer at 30 s, "1", the confirmation, both legs ended,
    /// the request on the desk's list, the record's hold and offer figures.</summary>
    private async Task HoldUntilCallbackAsync(ProductProcess product, HoldCallerRtp caller, DateTime holdPressed, string holdLogText, ExternalProcess sipp, string callerNumber, bool commandSent = true)
    {
        var holdMusic = HoldPeers.LoadPrompt("hold-music.wav");
        await Eventually.True(() => caller.Packets.Count > 0 && caller.Packets[^1].ArrivedUtc > holdPressed.AddSeconds(2), "2 s of RTP after the hold", 10_000);
        var (holdStart, holdCorrelation) = HoldPeers.FindPromptStart(caller, holdMusic, holdPressed, holdPressed.AddSeconds(2), TimeSpan.FromSeconds(1));
        // The hold takes effect when the service has the softphone's re-INVITE (or the desk's request):
        // it logs that instant, and the caller's RTP must change within 200 ms of it.
        var holdTookEffect = await HoldPeers.LoggedAtAsync(product, holdLogText);
        double holdLatencyMs = (holdStart - holdTookEffect).TotalMilliseconds;
        output.WriteLine($"hold audio: correlation {holdCorrelation:F3}, first packet {holdLatencyMs:F1} ms after the service took the hold "
            + $"({(holdStart - holdPressed).TotalMilliseconds:F1} ms after {(commandSent ? "the hold command to the softphone" : "the search began")})");
        Assert.True(holdCorrelation > 0.9, $"hold music correlation {holdCorrelation:F3}");
        Assert.InRange(holdLatencyMs, 0, 200);

        // The lookup timer: the offer starts 30 s after the hold began, both instants read off the caller's RTP.
        await Eventually.True(() => caller.Packets[^1].ArrivedUtc > holdStart + Lookup + TimeSpan.FromSeconds(2.5), "RTP up to 2.5 s into the offer", 40_000);
        var offer = HoldPeers.LoadPrompt("callback-offer.wav");
        var (offerStart, offerCorrelation) = HoldPeers.FindPromptStart(caller, offer, holdStart + Lookup - TimeSpan.FromSeconds(1), holdStart + Lookup + TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(2));
        double offerErrorMs = (offerStart - holdStart - Lookup).TotalMilliseconds;
        output.WriteLine($"callback offer: correlation {offerCorrelation:F3}, starts {offerErrorMs:+0.0;-0.0} ms from 30 s of hold on the caller's RTP "
            + $"({(offerStart - holdTookEffect - Lookup).TotalMilliseconds:+0.0;-0.0} ms from 30 s after the service took the hold)");
        Assert.True(offerCorrelation > 0.8, $"offer correlation {offerCorrelation:F3}");
        Assert.InRange(offerErrorMs, -200, 200);

        // Only hold audio between the two: never the agent's 700 Hz microphone.
        var held = caller.DecodedBetween(holdStart, offerStart, out _);
        for (int second = 0; second + 8000 <= held.Length; second += 8000)
        {
            var window = held.AsSpan(second, 8000);
            double agentTone = ToneAnalysis.GoertzelAmplitude(window, 8000, 700);
            Assert.True(agentTone < 100, $"700 Hz amplitude {agentTone:F0} in second {second / 8000} of the hold");
        }

        // The caller presses 1 during the prompt (RFC 4733 from the caller's RTP port).
        var pressed = DateTime.UtcNow;
        await caller.PressAsync('1');
        await Eventually.True(() => caller.Packets[^1].ArrivedUtc > pressed.AddSeconds(2.5), "RTP after the key press", 10_000);
        var (confirmStart, confirmCorrelation) = HoldPeers.FindPromptStart(caller, HoldPeers.LoadPrompt("callback-confirm.wav"), pressed, pressed.AddSeconds(2.5), TimeSpan.FromSeconds(1.5));
        output.WriteLine($"confirmation: correlation {confirmCorrelation:F3}, {(confirmStart - pressed).TotalMilliseconds:F0} ms after the key press began");
        Assert.True(confirmCorrelation > 0.8, $"confirmation correlation {confirmCorrelation:F3}");

        // After the confirmation the service ends the caller's leg with BYE (the scenario waits for it).
        int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"sipp exit {exit}:\n{SippInteropTests.Tail(sipp.Output)}\n{product.Output}");

        using WebSession session = await product.ManagerSessionAsync();
        var http = session.Http;
        string callbacks = await http.GetStringAsync("/api/callbacks?status=pending");
        output.WriteLine(callbacks);
        Assert.Contains($"\"callerNumber\":\"{callerNumber}\"", callbacks);
        Assert.Contains("\"agentId\":\"alice\"", callbacks);

        CallRecord? record = null;
        await Eventually.TrueAsync(async () => (record = (await product.CallsAsync()).SingleOrDefault())?.EndedAt is not null, "the call record ended", 30_000);
        output.WriteLine($"record: holds {record!.HoldCount}, hold {record.HoldSeconds:F3} s, longest {record.LongestHoldSeconds:F3} s, offered {record.CallbackOffered}, accepted {record.CallbackAccepted}, outcome {record.Outcome}");
        Assert.Equal(1, record.HoldCount);
        double heldUntilKey = (pressed - holdStart).TotalSeconds;
        Assert.InRange(record.HoldSeconds, heldUntilKey - 0.5, heldUntilKey + 0.5);
        Assert.Equal(record.HoldSeconds, record.LongestHoldSeconds);
        Assert.True(record.CallbackOffered);
        Assert.True(record.CallbackAccepted);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal("alice", record.AgentId);
    }
}
