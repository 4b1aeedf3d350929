using CallService.Records;
using CallService.Sip.Media;
using CallService.Tests.Support;
using Xunit.Abstractions;

namespace CallService.Tests.Product;

/// <summary>Front-desk headsets: baresip softphones register as agents, the service rings them, counts the
/// rings, bridges the first to answer, and answers itself at the two-ring point when nobody does.</summary>
[Collection("real peers")]
public sealed class AgentTests(ITestOutputHelper output)
{
    private const string Password = AgentAccountArgs.Password;

    private static string[] AgentArgs(string strategy = "ring-all", params string[] ids) =>
        [.. AgentAccountArgs.For(ids), $"--Lines:0:RingStrategy={strategy}"];

    private static Task<BaresipPhone> AgentPhoneAsync(string id, int servicePort, string answerMode = "manual", bool trace = false, string codecs = "PCMU", int toneHz = 700) =>
        BaresipPhone.StartAsync($"<sip:{id}@127.0.0.1:{servicePort}>;auth_pass={Password};regint=60;answermode={answerMode};audio_codecs={codecs}",
            codecs: ["g711", "g722"], sipTrace: trace, toneHz: toneHz, micSampleRate: codecs.StartsWith("G722", StringComparison.Ordinal) ? 16000 : 8000);

    private static async Task<string> CallerVoiceDirAsync(string encoding)
    {
        string dir = Directory.CreateTempSubdirectory("caller-voice-").FullName;
        string wav = Path.Combine(dir, "voice.wav");
        TestAudio.WriteToneWav(wav, seconds: 30, frequencyHz: 300);
        await using var sox = ExternalProcess.Start("sox", [wav, "-r", "8000", "-c", "1", "-t", "raw", "-e", encoding, Path.Combine(dir, "caller-voice.raw")], dir);
        Assert.Equal(0, await sox.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        return dir;
    }

    [Fact]
    public async Task An_agent_answering_4_s_into_the_ringback_is_bridged_at_0_8_rings_and_the_other_phone_gets_CANCEL_with_Reason()
    {
        await using var product = await ProductProcess.StartAsync(AgentArgs("ring-all", "alice", "bob"));
        await using var alice = await AgentPhoneAsync("alice", product.SipPort);
        await using var bob = await AgentPhoneAsync("bob", product.SipPort, trace: true);
        await alice.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));
        await bob.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));

        using var rtp = new RtpRecorder();
        string voice = await CallerVoiceDirAsync("mu-law");
        await using var sipp = ExternalProcess.Start("sipp",
        [
            "-sf", Sipp.Scenario("caller-talks.xml"), $"127.0.0.1:{product.SipPort}", "-i", "127.0.0.1", "-p", FreePort.ForSip().ToString(),
            "-s", "sales", "-key", "caller", "13700000001", "-key", "rtp_port", rtp.Port.ToString(), "-key", "pt", "0", "-key", "codec", "PCMU",
            "-mi", "127.0.0.1", "-mp", FreePort.ForRtp().ToString(), "-m", "1", "-d", "4000", "-nostdin", "-timeout", "60s", "-timeout_error",
        ], voice);

        await alice.WaitForOutputAsync("Incoming call", TimeSpan.FromSeconds(10));
        var ringing = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(4) - (DateTime.UtcNow - ringing));
        await alice.CommandAsync("/accept");
        var answeredAt = DateTime.UtcNow;
        Assert.Equal(0, await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var record = Assert.Single(await product.CallsAsync());
        output.WriteLine($"rings {record.Rings}, answeredBy {record.AnsweredBy}, outcome {record.Outcome}");
        foreach (var line in product.Output.Split('\n').Where(l => l.Contains("agent", StringComparison.OrdinalIgnoreCase) || l.Contains("WRN") || l.Contains("ERR")))
        {
            output.WriteLine(line);
        }
        output.WriteLine(alice.Output[^Math.Min(3000, alice.Output.Length)..]);
        Assert.Equal("alice", record.AnsweredBy);
        Assert.Equal("alice", record.AgentId);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.InRange(record.Rings!.Value, 0.7, 0.9);
        Assert.Null(record.AutoAnsweredAt);

        // The caller heard the agent: baresip's 700 Hz microphone, through the service's bridge.
        var heard = rtp.Packets.Where(p => p.ArrivedUtc > answeredAt.AddMilliseconds(500)).Select(p => (ReadOnlyMemory<byte>)p.Payload).ToList();
        Assert.True(heard.Count > 100, $"caller received {heard.Count} packets after the answer");
        Assert.InRange(ToneAnalysis.DominantFrequency(AudioMatch.Decode(AudioCodecKind.Pcmu, heard), 8000, 200, 1500), 680, 720);
        // And the agent's leg carried the caller's voice into the bridge (the service logs each bridge's counts).
        Assert.Matches(@"caller->agent \d{3,} frames", product.Output);

        // The phone that did not answer got a CANCEL saying the call was completed elsewhere (RFC 3326).
        await bob.WaitForOutputAsync("CANCEL sip:", TimeSpan.FromSeconds(5));
        Assert.Contains("Reason: SIP;cause=200;text=\"Call completed elsewhere\"", bob.Output);
    }

    [Fact]
    public async Task An_agent_answering_at_12_s_takes_the_caller_from_the_queue_after_the_auto_answer_at_10_s()
    {
        await using var product = await ProductProcess.StartAsync(AgentArgs("ring-all", "alice"));
        await using var alice = await AgentPhoneAsync("alice", product.SipPort);
        await alice.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));
        using var rtp = new RtpRecorder();
        await using var sipp = Sipp.Start("caller.xml", product.SipPort,
            ["-s", "sales", "-key", "caller", "13700000002", "-key", "rtp_port", rtp.Port.ToString(), "-m", "1", "-d", "6000"]);

        await alice.WaitForOutputAsync("Incoming call", TimeSpan.FromSeconds(10));
        var ringing = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(12) - (DateTime.UtcNow - ringing));
        await alice.CommandAsync("/accept");
        Assert.Equal(0, await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var record = Assert.Single(await product.CallsAsync());
        double autoAt = (record.AutoAnsweredAt!.Value - record.RingStartedAt!.Value).TotalSeconds;
        double pickUp = (record.AgentAnsweredAt!.Value - record.RingStartedAt.Value).TotalSeconds;
        output.WriteLine($"auto-answer at {autoAt:F3} s, agent pick-up at {pickUp:F3} s");
        Assert.InRange(autoAt, 9.98, 10.02);
        Assert.InRange(pickUp, 11.5, 12.6);
        Assert.Equal("auto", record.AnsweredBy);
        Assert.Equal("alice", record.AgentId);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
    }

    [Fact]
    public async Task Rotation_alternates_four_calls_between_two_available_agents()
    {
        await using var product = await ProductProcess.StartAsync(AgentArgs("rotation", "alice", "bob"));
        await using var alice = await AgentPhoneAsync("alice", product.SipPort, answerMode: "auto");
        await using var bob = await AgentPhoneAsync("bob", product.SipPort, answerMode: "auto");
        await alice.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));
        await bob.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));
        using var rtp = new RtpRecorder();
        for (int i = 0; i < 4; i++)
        {
            await using var sipp = Sipp.Start("caller.xml", product.SipPort,
                ["-s", "sales", "-key", "caller", $"1370000001{i}", "-key", "rtp_port", rtp.Port.ToString(), "-m", "1", "-d", "1000"]);
            Assert.Equal(0, await sipp.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        var agents = (await product.CallsAsync()).OrderBy(r => r.StartedAt).Select(r => r.AgentId).ToList();
        output.WriteLine(string.Join(", ", agents));
        Assert.Equal(4, agents.Count);
        Assert.All(agents, a => Assert.Contains(a, new[] { "alice", "bob" }));
        Assert.NotEqual(agents[0], agents[1]);
        Assert.Equal(agents[0], agents[2]);
        Assert.Equal(agents[1], agents[3]);
    }

    [Fact]
    public async Task A_PCMA_caller_bridged_to_a_G722_only_agent_hears_the_agent_through_transcoding()
    {
        await using var product = await ProductProcess.StartAsync(AgentArgs("ring-all", "alice"));
        await using var alice = await AgentPhoneAsync("alice", product.SipPort, answerMode: "auto", codecs: "G722/16000/1", toneHz: 1000);
        await alice.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));
        using var rtp = new RtpRecorder();
        string voice = await CallerVoiceDirAsync("a-law");
        await using var sipp = ExternalProcess.Start("sipp",
        [
            "-sf", Sipp.Scenario("caller-talks.xml"), $"127.0.0.1:{product.SipPort}", "-i", "127.0.0.1", "-p", FreePort.ForSip().ToString(),
            "-s", "sales", "-key", "caller", "13700000003", "-key", "rtp_port", rtp.Port.ToString(), "-key", "pt", "8", "-key", "codec", "PCMA",
            "-mi", "127.0.0.1", "-mp", FreePort.ForRtp().ToString(), "-m", "1", "-d", "4000", "-nostdin", "-timeout", "60s", "-timeout_error",
        ], voice);
        Assert.Equal(0, await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        foreach (var line in product.Output.Split('\n').Where(l => l.Contains("Call ", StringComparison.Ordinal) || l.Contains("WRN") || l.Contains("ERR")))
        {
            output.WriteLine(line);
        }
        output.WriteLine(alice.Output[^Math.Min(2500, alice.Output.Length)..]);
        Assert.Contains("(Pcma <-> G722)", product.Output);
        var packets = rtp.Packets;
        var last2s = packets.Skip(Math.Max(0, packets.Count - 100)).Select(p => (ReadOnlyMemory<byte>)p.Payload).ToList();
        double hz = ToneAnalysis.DominantFrequency(AudioMatch.Decode(AudioCodecKind.Pcma, last2s), 8000, 200, 3000);
        output.WriteLine($"caller hears {hz} Hz");
        Assert.InRange(hz, 980, 1020);
    }

    [Fact]
    public async Task With_no_agent_registered_the_caller_hears_the_desk_will_call_back_on_time_and_a_callback_is_recorded()
    {
        await using var product = await ProductProcess.StartAsync(AgentArgs("ring-all", "alice")); // alice never registers
        using var rtp = new RtpRecorder();
        string messages = Path.Combine(product.WorkDir, "sipp-messages.log");
        await using (var sipp = Sipp.Start("caller.xml", product.SipPort,
            ["-s", "sales", "-key", "caller", "13700000009", "-key", "rtp_port", rtp.Port.ToString(), "-m", "1", "-d", "14000"], messages))
        {
            Assert.Equal(0, await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        DateTime ok = Assert.Single(Sipp.ReceivedAt(messages, 200, "INVITE"));
        double answerAfterMs = (ok - rtp.Packets[0].ArrivedUtc).TotalMilliseconds;
        output.WriteLine($"answered {answerAfterMs:F1} ms after the first ringback packet");
        Assert.InRange(answerAfterMs, 10_000 - 100, 10_000 + 100);

        var noAgent = Prompt.Load("no-agent", Path.Combine(Peers.RepoRoot, "samples", "prompts", "no-agent.wav"));
        var heard = AudioMatch.Decode(AudioCodecKind.Pcmu, rtp.Packets.Where(p => p.ArrivedUtc >= ok).Select(p => (ReadOnlyMemory<byte>)p.Payload));
        var match = AudioMatch.BestCorrelation(noAgent.PcmFor(AudioCodecKind.Pcmu).Span, heard);
        output.WriteLine($"no-agent prompt correlation {match.Correlation:F3}");
        Assert.True(match.Correlation > 0.8);

        using WebSession session = await product.ManagerSessionAsync();
        string callbacks = await session.Http.GetStringAsync("/api/callbacks?status=pending");
        output.WriteLine(callbacks);
        Assert.Contains("\"callerNumber\":\"13700000009\"", callbacks);
    }
}
