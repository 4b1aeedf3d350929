using System.Globalization;
using System.Text;

namespace CallService.LoadProbe;

/// <summary>
/// Scenario c: callers on a line that auto-answers after N rings; for each, the 200 OK's kernel
/// arrival time against the first ringback packet's (both on this host's loopback): the error is
/// (200 - first RTP) - the expected ring time.
/// </summary>
internal static class RingScenario
{
    public static int Run(ProbeArguments args)
    {
        var service = args.Service();
        string line = args.Text("line") ?? "ring";
        int calls = args.Int("calls", 200);
        double rate = args.Double("rate", 5);
        double expectedMs = args.Double("expected-ms", 10_000);
        double holdAfter = args.Double("hang-up-after", 1);
        int sockets = args.Int("rtp-sockets", 4);
        string? metricsUrl = args.Text("metrics-url");
        var server = args.Text("server-pid") is { } pid ? new ServerProcess(int.Parse(pid, CultureInfo.InvariantCulture)) : null;
        string? csv = args.Text("csv");

        using var pool = new RtpReceiverPool(sockets, perStreamHistograms: false);
        using var uac = new ProbeUac(service, line, pool) { HangUpAfterAnswerNs = (long)(holdAfter * 1e9) };
        var metrics0 = MetricsScrape.Read(metricsUrl);
        double cpu0 = server?.CpuSeconds() ?? 0;
        string load0 = ServerProcess.LoadAverage();
        long start = Clock.NowNs();

        var placed = ScenarioRunner.PlaceAll(uac, calls, rate);
        bool ended = ScenarioRunner.RunUntil(uac, () => ScenarioRunner.AllIn(placed, ProbeCallState.Done, ProbeCallState.Failed),
            TimeSpan.FromMilliseconds(expectedMs + ((holdAfter + 40) * 1000)));
        double wall = (Clock.NowNs() - start) / 1e9;
        double cpu1 = server?.CpuSeconds() ?? 0;
        var metrics1 = MetricsScrape.Read(metricsUrl);
        string load1 = ServerProcess.LoadAverage();
        pool.Stop();

        var errors = new List<double>();
        var earlyToRtp = new List<double>();
        int noRingback = 0;
        using var writer = csv is null ? null : new StreamWriter(csv);
        writer?.WriteLine("call,invite_to_183_ms,183_to_first_rtp_ms,first_rtp_to_200_ms,error_ms");
        foreach (ProbeCall call in placed.Where(c => c.OkNs > 0))
        {
            var stream = pool.Find(call.RtpSocket, call.ServiceRtpPort);
            if (stream is null || stream.FirstNs == 0 || stream.FirstNs > call.OkNs)
            {
                noRingback++;
                continue;
            }
            double ring = (call.OkNs - stream.FirstNs) / 1e6;
            double error = ring - expectedMs;
            errors.Add(error);
            earlyToRtp.Add((stream.FirstNs - call.EarlyMediaNs) / 1e6);
            writer?.WriteLine(FormattableString.Invariant(
                $"{call.Index},{(call.EarlyMediaNs - call.InviteSentNs) / 1e6:F3},{(stream.FirstNs - call.EarlyMediaNs) / 1e6:F3},{ring:F3},{error:F3}"));
        }
        var sorted = errors.Order().ToList();
        var absolute = errors.Select(Math.Abs).Order().ToList();
        earlyToRtp.Sort();
        var summary = new StringBuilder();
        summary.Append(FormattableString.Invariant($"ring calls={calls} answered={placed.Count(c => c.OkNs > 0)} failed={placed.Count(c => c.State == ProbeCallState.Failed)} measured={errors.Count} no_ringback={noRingback} ended_cleanly={ended} expected_ms={expectedMs} "));
        summary.Append(FormattableString.Invariant($"error_ms p50={Quantiles.Of(sorted, 0.5):F2} min={(sorted.Count > 0 ? sorted[0] : double.NaN):F2} max={(sorted.Count > 0 ? sorted[^1] : double.NaN):F2} "));
        summary.Append(FormattableString.Invariant($"abs_error_ms p50={Quantiles.Of(absolute, 0.5):F2} p99={Quantiles.Of(absolute, 0.99):F2} max={(absolute.Count > 0 ? absolute[^1] : double.NaN):F2} "));
        summary.Append(FormattableString.Invariant($"early_183_to_first_rtp_ms p50={Quantiles.Of(earlyToRtp, 0.5):F2} p99={Quantiles.Of(earlyToRtp, 0.99):F2} "));
        summary.Append(FormattableString.Invariant($"retrans invite={uac.InviteRetransmissions} bye={uac.ByeRetransmissions} dup_final={uac.DuplicateFinalResponses} "));
        summary.Append(FormattableString.Invariant($"late_frames={MetricsScrape.Delta(metrics0, metrics1, "callservice_rtp_frames_late_total")} "));
        if (server is not null)
        {
            summary.Append(FormattableString.Invariant($"server_cpu_cores={(cpu1 - cpu0) / wall:F3} "));
        }
        summary.Append(FormattableString.Invariant($"load_avg={load0}->{load1}"));
        Console.WriteLine(summary.ToString());
        foreach (var failed in placed.Where(c => c.State == ProbeCallState.Failed).Take(5))
        {
            Console.Error.WriteLine($"call {failed.Index} failed: {failed.FailReason}");
        }
        return errors.Count == calls ? 0 : 1;
    }
}
