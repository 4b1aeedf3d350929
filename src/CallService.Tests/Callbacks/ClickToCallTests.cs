using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallService.Callbacks;
using CallService.Records;
using CallService.Sip.Media;
using CallService.Tests.Interop;
using CallService.Tests.Product;
using CallService.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CallService.Tests.Callbacks;

/// <summary>Click-to-call callbacks (issue 5 item 4) against real peers: the agent's baresip softphone is rung
/// first and hears the whisper, then a sipp customer is called from the line through the configured proxy
/// and bridged; the request on the desk's list ends done, or stays pending after no answer.</summary>
[Collection("real peers")]
public sealed class ClickToCallTests(ITestOutputHelper output)
{
    private static string[] ProductArgs(int customerPort, int ringSeconds) =>
    [
        .. HoldPeers.AgentArgs("alice"),
        $"--Callbacks:OutboundProxy=sip:127.0.0.1:{customerPort}",
        $"--Callbacks:RingSeconds={ringSeconds}",
    ];

    /// <summary>A pending request on the desk's list, written to the product's own database, with the record of
    /// the call it came from (the desk noted 王先生: the whisper says "回电:王先生").</summary>
    private static async Task<long> AddPendingAsync(ProductProcess product, string number)
    {
        await using (var records = new SqliteCallRecordStore($"Data Source={product.Database}", TimeProvider.System, NullLogger.Instance))
        {
            await records.InitializeAsync(CancellationToken.None);
            var at = DateTimeOffset.UtcNow.AddMinutes(-20);
            await records.InsertAsync(new CallRecord
            {
                CallId = $"earlier-call-{number}",
                CallerNumber = number,
                Line = "sales",
                StartedAt = at,
                EndedAt = at.AddMinutes(1),
                Surname = "王",
                Honorific = "先生",
            }, CancellationToken.None);
        }
        await using var store = new SqliteCallbackStore($"Data Source={product.Database}", TimeProvider.System, NullLogger.Instance);
        await store.InitializeAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var added = await store.AddAsync(new CallbackRequest
        {
            CallId = $"earlier-call-{number}",
            CallerNumber = number,
            Surname = "王",
            AgentId = "alice",
            Line = "sales",
            CreatedAt = now,
            DueAt = now.AddMinutes(15),
        }, CancellationToken.None);
        return added.Id;
    }

    /// <summary>A sipp customer that answers after a second, streams its voice from <paramref name="voice"/>, has the
    /// service's RTP sent to <paramref name="heard"/>, talks <paramref name="talkMs"/> and hangs up.</summary>
    private static ExternalProcess CustomerAnswers(int customerPort, HoldCallerRtp heard, string voice, int talkMs) =>
        ExternalProcess.Start("sipp",
        [
            "-sf", Sipp.Scenario("customer-answers.xml"), "-i", "127.0.0.1", "-p", customerPort.ToString(),
            "-key", "rtp_port", heard.Port.ToString(), "-mi", "127.0.0.1", "-mp", HoldPeers.SippMediaPort().ToString(),
            "-m", "1", "-d", talkMs.ToString(), "-nostdin", "-timeout", "60s", "-timeout_error",
        ], voice);

    /// <summary>A working directory for customer-answers.xml with its voice: customer-voice.raw, 10 s of 300 Hz in u-law.</summary>
    private static async Task<string> CustomerVoiceAsync()
    {
        string voice = Directory.CreateTempSubdirectory("customer-voice-").FullName;
        TestAudio.WriteToneWav(Path.Combine(voice, "voice.wav"), seconds: 10, frequencyHz: 300);
        await using var sox = ExternalProcess.Start("sox", ["voice.wav", "-r", "8000", "-c", "1", "-t", "raw", "-e", "mu-law", "customer-voice.raw"], voice);
        Assert.Equal(0, await sox.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        return voice;
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient http, long id, string status, int timeoutMs)
    {
        JsonElement callback = default;
        await Eventually.TrueAsync(async () =>
        {
            callback = await http.GetFromJsonAsync<JsonElement>($"/api/callbacks/{id}");
            return callback.GetProperty("status").GetString() == status;
        }, $"callback {id} becomes {status}", timeoutMs);
        return callback;
    }

    [Fact]
    public async Task The_agent_is_rung_first_then_the_customer_is_called_and_bridged_and_the_request_becomes_done()
    {
        int customerPort = FreePort.ForSip();
        await using var product = await ProductProcess.StartAsync(ProductArgs(customerPort, ringSeconds: 20));
        await using var alice = await HoldPeers.AgentPhoneAsync("alice", product.SipPort);
        await alice.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));

        // The customer: sipp answers after one second, streams a 300 Hz voice, our receiver hears what it is sent.
        string voice = await CustomerVoiceAsync();
        using var heard = new HoldCallerRtp();
        await using var customer = CustomerAnswers(customerPort, heard, voice, talkMs: 4_000);

        long id = await AddPendingAsync(product, "13800005678");
        using WebSession session = await product.ManagerSessionAsync();
        var http = session.Http;
        var started = await http.PostAsJsonAsync($"/api/callbacks/{id}/call", new { });
        string startedBody = await started.Content.ReadAsStringAsync();
        output.WriteLine($"POST call: {(int)started.StatusCode} {startedBody}");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Contains("\"status\":\"calling\"", startedBody);

        // The agent's softphone rings first, showing whom to call back.
        await alice.WaitForOutputAsync("回电 13800005678", TimeSpan.FromSeconds(10));
        int exit = await customer.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"customer sipp exit {exit}:\n{SippInteropTests.Tail(customer.Output)}\n{product.Output}");
        var done = await WaitForStatusAsync(http, id, "done", 10_000);
        string result = done.GetProperty("lastResult").GetString()!;
        output.WriteLine($"done: attempts {done.GetProperty("attempts").GetInt32()}, last result \"{result}\"");
        foreach (var line in product.Output.Split('\n').Where(l => l.Contains("Callback " + id, StringComparison.Ordinal)))
        {
            output.WriteLine(line);
        }
        Assert.Equal(1, done.GetProperty("attempts").GetInt32());
        // The dialer ending the talked call stamps the completion: after the attempt began, before now.
        Assert.InRange(done.GetProperty("completedAt").GetDateTimeOffset(), done.GetProperty("lastAttemptAt").GetDateTimeOffset(), DateTimeOffset.UtcNow);
        Assert.Matches(@"talked \d+\.\d s \(customer hung up\); agent alice rang \d+\.\d s, customer rang \d+\.\d s", result);
        double customerRing = double.Parse(System.Text.RegularExpressions.Regex.Match(result, @"customer rang (\d+\.\d) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(customerRing, 0.9, 1.6); // sipp answers one second after its 180
        Assert.InRange(done.GetProperty("lastCustomerRingSeconds").GetDouble(), 0.9, 1.6);
        Assert.InRange(done.GetProperty("lastAgentRingSeconds").GetDouble(), 0.0, 5.0); // baresip answers by itself
        Assert.Contains("whisper callback-whisper-王先生", product.Output);

        // Both ways through the bridge: the customer heard the agent's 700 Hz, the agent's leg got the customer's frames.
        var packets = heard.Packets;
        Assert.True(packets.Count > 100, $"the customer received {packets.Count} packets");
        var pcm = AudioMatch.Decode(AudioCodecKind.Pcmu, packets.TakeLast(100).Select(p => (ReadOnlyMemory<byte>)p.Payload));
        Assert.InRange(ToneAnalysis.DominantFrequency(pcm, 8000, 200, 1500), 680, 720);
        var counts = System.Text.RegularExpressions.Regex.Match(product.Output, @$"Callback {id}: bridge ended, customer->agent (\d+) frames, agent->customer (\d+) frames");
        Assert.True(counts.Success, "no bridge counts in the log");
        Assert.True(int.Parse(counts.Groups[1].Value) > 100 && int.Parse(counts.Groups[2].Value) > 100, counts.Value);
        await alice.WaitForOutputAsync("BYE sip:", TimeSpan.FromSeconds(5)); // the agent is released when the customer hangs up
    }

    [Fact]
    public async Task The_agent_holds_the_customer_on_the_softphone_the_customer_hears_hold_audio_then_the_agent_again()
    {
        int customerPort = FreePort.ForSip();
        await using var product = await ProductProcess.StartAsync(ProductArgs(customerPort, ringSeconds: 20));
        await using var alice = await HoldPeers.AgentPhoneAsync("alice", product.SipPort);
        await alice.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));
        string voice = await CustomerVoiceAsync();
        using var heard = new HoldCallerRtp();
        await using var customer = CustomerAnswers(customerPort, heard, voice, talkMs: 14_000);

        long id = await AddPendingAsync(product, "13800004321");
        using WebSession session = await product.ManagerSessionAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await session.Http.PostAsJsonAsync($"/api/callbacks/{id}/call", new { })).StatusCode);
        await Eventually.True(() => HoldPeers.HearsAgent(heard), "the customer hears the agent's 700 Hz through the bridge", 20_000);

        // Hold on the softphone (a re-INVITE with a=sendonly): the customer hears the line's hold audio.
        DateTime holdPressed = DateTime.UtcNow;
        await alice.CommandAsync("/hold");
        DateTime holdTaken = await HoldPeers.LoggedAtAsync(product, $"Callback {id}: agent alice softphone hold = True");
        await Eventually.True(() => heard.Packets.Count > 0 && heard.Packets[^1].ArrivedUtc > holdPressed.AddSeconds(2), "2 s of RTP after the hold", 10_000);
        var (holdStart, correlation) = HoldPeers.FindPromptStart(heard, HoldPeers.LoadPrompt("hold-music.wav"), holdPressed, holdPressed.AddSeconds(2), TimeSpan.FromSeconds(1));
        output.WriteLine($"hold audio: correlation {correlation:F3}, first packet {(holdStart - holdTaken).TotalMilliseconds:F1} ms after the service took the hold");
        Assert.True(correlation > 0.9, $"hold music correlation {correlation:F3}");
        Assert.InRange((holdStart - holdTaken).TotalMilliseconds, 0, 200);
        Assert.Contains("a=sendonly", alice.Output);

        // Resume on the softphone: the agent's voice again.
        await alice.CommandAsync("/resume");
        DateTime resumed = await HoldPeers.LoggedAtAsync(product, $"Callback {id}: agent alice softphone hold = False");
        await Eventually.True(() => heard.Packets.Count(p => p.ArrivedUtc > resumed) >= 50 && HoldPeers.HearsAgent(heard),
            "the customer hears the agent's 700 Hz again after the resume", 10_000);

        int exit = await customer.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"customer sipp exit {exit}:\n{SippInteropTests.Tail(customer.Output)}\n{product.Output}");
        var done = await WaitForStatusAsync(session.Http, id, "done", 10_000);
        Assert.Matches(@"talked \d+\.\d s \(customer hung up\)", done.GetProperty("lastResult").GetString()!);
    }

    [Fact]
    public async Task A_customer_who_does_not_answer_leaves_the_request_pending_with_one_attempt()
    {
        int customerPort = FreePort.ForSip();
        await using var product = await ProductProcess.StartAsync(ProductArgs(customerPort, ringSeconds: 5));
        await using var alice = await HoldPeers.AgentPhoneAsync("alice", product.SipPort);
        await alice.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(10));
        await using var customer = ExternalProcess.Start("sipp",
        [
            "-sf", Sipp.Scenario("customer-no-answer.xml"), "-i", "127.0.0.1", "-p", customerPort.ToString(),
            "-m", "1", "-nostdin", "-timeout", "60s", "-timeout_error",
        ]);

        long id = await AddPendingAsync(product, "13800008765");
        using WebSession session = await product.ManagerSessionAsync();
        var http = session.Http;
        var started = await http.PostAsJsonAsync($"/api/callbacks/{id}/call", new { });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        int exit = await customer.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"customer sipp exit {exit}:\n{SippInteropTests.Tail(customer.Output)}\n{product.Output}");
        var pending = await WaitForStatusAsync(http, id, "pending", 10_000);
        string result = pending.GetProperty("lastResult").GetString()!;
        output.WriteLine($"pending: attempts {pending.GetProperty("attempts").GetInt32()}, last result \"{result}\"");
        Assert.Equal(1, pending.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("completedAt").ValueKind); // not done: no completion
        Assert.Matches(@"customer did not answer \(487 .*, rang \d+\.\d s\); agent alice rang \d+\.\d s", result);
        double customerRing = double.Parse(System.Text.RegularExpressions.Regex.Match(result, @"rang (\d+\.\d) s\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(customerRing, 5.0, 5.5); // Callbacks:RingSeconds
        Assert.InRange(pending.GetProperty("lastCustomerRingSeconds").GetDouble(), 5.0, 5.5);
        await alice.WaitForOutputAsync("BYE sip:", TimeSpan.FromSeconds(5));
    }
}
