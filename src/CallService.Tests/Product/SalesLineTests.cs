using CallService.Records;
using CallService.Sip.Media;
using CallService.Tests.Interop;
using CallService.Tests.Support;

namespace CallService.Tests.Product;

/// <summary>The sales line answers calls (issue: the first vertical slice), checked from the outside:
/// a sipp caller, our RTP receiver on the port it offers, and the records from `calls --json`.</summary>
[Collection("real peers")]
public sealed class SalesLineTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan RingPeriod = TimeSpan.FromSeconds(5); // cn: 1 s on, 4 s off

    [Fact]
    public async Task A_caller_hears_cn_ringback_is_auto_answered_at_two_rings_hears_the_greeting_and_is_recorded()
    {
        await using var product = await ProductProcess.StartAsync();
        using var rtp = new RtpRecorder();
        string messages = Path.Combine(product.WorkDir, "sipp-messages.log");
        await using (var sipp = Sipp.Start("caller.xml", product.SipPort,
            ["-s", "sales", "-key", "caller", "13800001234", "-key", "rtp_port", rtp.Port.ToString(), "-m", "1", "-d", "9000"],
            messages))
        {
            int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"sipp exit {exit}:\n{SippInteropTests.Tail(sipp.Output)}\n{product.Output}");
        }

        var packets = rtp.Packets;
        Assert.NotEmpty(packets);
        DateTime firstRingback = packets[0].ArrivedUtc;
        DateTime ok = Assert.Single(Sipp.ReceivedAt(messages, 200, "INVITE")).AddTicks(0);
        // The 200 OK comes when ring 3 would begin: 2 rings x 5 s after the first ringback packet.
        double answerAfterMs = (ok - firstRingback).TotalMilliseconds;
        output.WriteLine($"200 OK {answerAfterMs:F1} ms after the first ringback packet");
        Assert.InRange(answerAfterMs, 10_000 - 100, 10_000 + 100);

        // Ringback: 1 s bursts of 450 Hz every 5 s, edges within 40 ms of schedule (arrival times).
        var ringing = packets.Where(p => p.ArrivedUtc < ok).ToList();
        var bursts = ToneBursts(ringing);
        Assert.Equal(2, bursts.Count);
        for (int ring = 0; ring < bursts.Count; ring++)
        {
            double onsetMs = (bursts[ring].Start - firstRingback).TotalMilliseconds;
            double lengthMs = (bursts[ring].End - bursts[ring].Start).TotalMilliseconds;
            output.WriteLine($"ring {ring + 1}: onset {onsetMs:F1} ms, burst {lengthMs:F1} ms");
            Assert.InRange(onsetMs, ring * RingPeriod.TotalMilliseconds - 40, ring * RingPeriod.TotalMilliseconds + 40);
            Assert.InRange(lengthMs, 1000 - 40, 1000 + 40);
        }
        var ringbackPcm = AudioMatch.Decode(AudioCodecKind.Pcmu, ringing.Take(50).Select(p => (ReadOnlyMemory<byte>)p.Payload));
        Assert.InRange(ToneAnalysis.DominantFrequency(ringbackPcm, 8000, 300, 1000), 440, 460);

        // After the answer: the greeting, recognised by correlation with the prompt itself.
        var greeting = Prompt.Load("greeting", Path.Combine(Peers.RepoRoot, "samples", "prompts", "greeting.wav"));
        var answered = packets.Where(p => p.ArrivedUtc >= ok).Select(p => (ReadOnlyMemory<byte>)p.Payload).ToList();
        var heard = AudioMatch.Decode(AudioCodecKind.Pcmu, answered);
        var match = AudioMatch.BestCorrelation(greeting.PcmFor(AudioCodecKind.Pcmu).Span, heard);
        output.WriteLine($"greeting correlation {match.Correlation:F3} at lag {match.Lag} samples");
        Assert.True(match.Correlation > 0.8, $"greeting correlation {match.Correlation:F3} at lag {match.Lag}");
        Assert.InRange(match.Lag, 0, 8000 / 2); // it starts within half a second of the 200 OK

        var record = Assert.Single(await product.CallsAsync());
        Assert.Equal(CallOutcome.AutoAnswered, record.Outcome);
        Assert.Equal("auto", record.AnsweredBy);
        Assert.Equal(2.0, record.Rings);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal("13800001234", record.CallerNumber);
        Assert.Equal("sales", record.Line);
        Assert.NotNull(record.RingStartedAt);
        Assert.InRange((record.AnsweredAt!.Value - record.RingStartedAt!.Value).TotalMilliseconds, 10_000 - 20, 10_000 + 20);
    }

    [Fact]
    public async Task A_caller_who_cancels_during_ring_1_is_recorded_as_abandoned_below_one_ring()
    {
        await using var product = await ProductProcess.StartAsync();
        using var rtp = new RtpRecorder();
        await using (var sipp = Sipp.Start("caller-cancels.xml", product.SipPort,
            ["-s", "sales", "-key", "caller", "13800004321", "-key", "rtp_port", rtp.Port.ToString(), "-m", "1", "-d", "3000"]))
        {
            int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.True(exit == 0, $"sipp exit {exit}:\n{SippInteropTests.Tail(sipp.Output)}\n{product.Output}");
        }

        var record = Assert.Single(await product.CallsAsync());
        Assert.Equal(CallOutcome.Abandoned, record.Outcome);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Null(record.AnsweredAt);
        Assert.NotNull(record.Rings);
        output.WriteLine($"abandoned record: rings {record.Rings}");
        Assert.InRange(record.Rings!.Value, 0.4, 0.9);
    }

    [Fact]
    public async Task An_INVITE_for_an_unknown_user_gets_404()
    {
        await using var product = await ProductProcess.StartAsync();
        await using var sipp = Sipp.Start("caller.xml", product.SipPort,
            ["-s", "nobody", "-key", "caller", "1", "-key", "rtp_port", FreePort.ForRtp().ToString(), "-m", "1"]);
        await sipp.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("404", sipp.Output);
        Assert.Empty(await product.CallsAsync());
    }

    /// <summary>Tone bursts by energy of each 20 ms packet: (first tone packet, last tone packet + 20 ms).</summary>
    private static List<(DateTime Start, DateTime End)> ToneBursts(IReadOnlyList<RtpRecorder.Packet> packets)
    {
        var bursts = new List<(DateTime, DateTime)>();
        DateTime? start = null;
        DateTime last = default;
        foreach (var p in packets)
        {
            var pcm = AudioMatch.Decode(AudioCodecKind.Pcmu, p.Payload);
            bool tone = ToneAnalysis.Rms(pcm) > 300;
            if (tone && start is null)
            {
                start = p.ArrivedUtc;
            }
            else if (!tone && start is not null)
            {
                bursts.Add((start.Value, last.AddMilliseconds(20)));
                start = null;
            }
            if (tone)
            {
                last = p.ArrivedUtc;
            }
        }
        if (start is not null)
        {
            bursts.Add((start.Value, last.AddMilliseconds(20)));
        }
        return bursts;
    }
}
