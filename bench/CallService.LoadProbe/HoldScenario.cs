using System.Globalization;
using System.Text;

namespace CallService.LoadProbe;

/// <summary>
/// Scenario b: N callers answered at once and left on hold audio; for a window of M seconds every
/// stream's packets are timed by the kernel: inter-arrival p50/p99/max, sequence gaps, and the
/// service's CPU and memory per call.
/// </summary>
internal static class HoldScenario
{
    public static int Run(ProbeArguments args)
    {
        var service = args.Service();
        string line = args.Text("line") ?? "sales";
        int calls = args.Int("calls", 100);
        double rate = args.Double("rate", 100);
        double settle = args.Double("settle", 5);
        double measure = args.Double("measure", 60);
        int sockets = args.Int("rtp-sockets", 8);
        string? metricsUrl = args.Text("metrics-url");
        var server = args.Text("server-pid") is { } pid ? new ServerProcess(int.Parse(pid, CultureInfo.InvariantCulture)) : null;
        string? csv = args.Text("csv");

        using var pool = new RtpReceiverPool(sockets, perStreamHistograms: true);
        using var uac = new ProbeUac(service, line, pool);
        long rssBase = server?.StatusKb("VmRSS") ?? -1;

        var placed = ScenarioRunner.PlaceAll(uac, calls, rate);
        bool established = ScenarioRunner.RunUntil(uac, () => ScenarioRunner.AllIn(placed, ProbeCallState.Confirmed, ProbeCallState.Failed, ProbeCallState.Done),
            TimeSpan.FromSeconds(60));
        int confirmed = placed.Count(c => c.State == ProbeCallState.Confirmed);
        var setup = placed.Where(c => c.OkNs > 0).Select(c => (c.OkNs - c.InviteSentNs) / 1e6).Order().ToList();

        ScenarioRunner.RunUntil(uac, () => false, TimeSpan.FromSeconds(settle)); // the greeting gives way to hold music
        var metrics0 = MetricsScrape.Read(metricsUrl);
        double cpu0 = server?.CpuSeconds() ?? 0;
        double pacer0 = server?.ThreadCpuSeconds("rtp-pacer") ?? double.NaN;
        double self0 = ServerProcess.SelfCpuSeconds();
        long drops0 = pool.KernelDrops;
        string load0 = ServerProcess.LoadAverage();
        long start = Clock.NowNs();
        long end = start + (long)(measure * 1e9);
        pool.SetWindow(start, end);
        var rssSamples = new List<long>();
        while (Clock.NowNs() < end)
        {
            ScenarioRunner.RunUntil(uac, () => false, TimeSpan.FromSeconds(Math.Min(5, Math.Max(0.01, (end - Clock.NowNs()) / 1e9))));
            if (server is not null)
            {
                rssSamples.Add(server.StatusKb("VmRSS"));
            }
        }
        double cpu1 = server?.CpuSeconds() ?? 0;
        double pacer1 = server?.ThreadCpuSeconds("rtp-pacer") ?? double.NaN;
        double self1 = ServerProcess.SelfCpuSeconds();
        double wall = (Clock.NowNs() - start) / 1e9;
        var metrics1 = MetricsScrape.Read(metricsUrl);
        long drops1 = pool.KernelDrops;
        string load1 = ServerProcess.LoadAverage();
        long hwm = server?.StatusKb("VmHWM") ?? -1;
        bool stillUp = placed.Count(c => c.State == ProbeCallState.Confirmed) == confirmed;

        // Hang up at the same rate and let the BYEs complete.
        foreach (ProbeCall call in placed)
        {
            call.ByeDueNs = Clock.NowNs() + (long)(call.Index / rate * 1e9);
        }
        bool ended = ScenarioRunner.RunUntil(uac, () => ScenarioRunner.AllIn(placed, ProbeCallState.Done, ProbeCallState.Failed),
            TimeSpan.FromSeconds((calls / rate) + 40));
        pool.Stop();

        var streams = pool.AllStreams.Where(s => s.WindowPackets > 0).ToList();
        var intervals = pool.MergedIntervals();
        long expectedPerStream = (long)Math.Round(measure * 50);
        long missing = streams.Sum(s => s.Missing);
        long shortfall = streams.Sum(s => Math.Max(0, expectedPerStream - 1 - s.WindowPackets));
        var perStreamP99 = streams.Select(s => s.Intervals!.QuantileMs(0.99)).Order().ToList();
        int over40 = streams.Count(s => s.MaxIntervalNs >= 40_000_000);
        double rssDuring = rssSamples.Count > 0 ? rssSamples.Average() : -1;
        var summary = new StringBuilder();
        summary.Append(FormattableString.Invariant($"hold calls={calls} confirmed={confirmed} failed={placed.Count(c => c.State == ProbeCallState.Failed)} all_established={established} stayed_up={stillUp} ended_cleanly={ended} "));
        summary.Append(FormattableString.Invariant($"setup_ms p50={Quantiles.Of(setup, 0.5):F1} p99={Quantiles.Of(setup, 0.99):F1} "));
        summary.Append(FormattableString.Invariant($"window_s={wall:F1} streams={streams.Count} packets={streams.Sum(s => s.WindowPackets)} expected={expectedPerStream * calls} "));
        summary.Append(FormattableString.Invariant($"seq_gaps={missing} shortfall={shortfall} probe_kernel_drops={drops1 - drops0} dup={streams.Sum(s => s.Duplicates)} reordered={streams.Sum(s => s.Reordered)} ssrc_changes={streams.Sum(s => s.SsrcChanges)} talkspurt_breaks={streams.Sum(s => s.TalkspurtBreaks)} max_break_ms={(streams.Count > 0 ? streams.Max(s => s.MaxBreakNs) / 1e6 : 0):F1} "));
        summary.Append(FormattableString.Invariant($"interarrival_ms p50={intervals.QuantileMs(0.5):F2} p99={intervals.QuantileMs(0.99):F2} p999={intervals.QuantileMs(0.999):F2} min={intervals.MinNs / 1e6:F2} max={intervals.MaxNs / 1e6:F2} "));
        summary.Append(FormattableString.Invariant($"outside_18_22ms={(intervals.Count - intervals.CountAtLeast(18_000_000) + intervals.CountAtLeast(22_000_000)) / (double)Math.Max(1, intervals.Count) * 100:F3}% "));
        summary.Append(FormattableString.Invariant($"worst_stream_p99_ms={(perStreamP99.Count > 0 ? perStreamP99[^1] : double.NaN):F2} streams_max_ge_40ms={over40} "));
        summary.Append(FormattableString.Invariant($"late_frames={MetricsScrape.Delta(metrics0, metrics1, "callservice_rtp_frames_late_total")} skipped_frames={MetricsScrape.Delta(metrics0, metrics1, "callservice_rtp_frames_skipped_total")} "));
        summary.Append(FormattableString.Invariant($"pacer_max_lateness_ms={(metrics1.TryGetValue("callservice_rtp_pacer_max_lateness_seconds", out double lateness) ? lateness * 1000 : double.NaN):F2} "));
        if (server is not null)
        {
            summary.Append(FormattableString.Invariant($"server_cpu_cores={(cpu1 - cpu0) / wall:F3} pacer_thread_cores={(pacer1 - pacer0) / wall:F3} rss_base_mb={rssBase / 1024.0:F1} rss_mb={rssDuring / 1024.0:F1} vmhwm_mb={hwm / 1024.0:F1} rss_per_call_kb={(rssDuring - rssBase) / Math.Max(1, confirmed):F1} "));
        }
        summary.Append(FormattableString.Invariant($"probe_cpu_cores={(self1 - self0) / wall:F3} probe_rt_receivers={pool.RealtimeReceivers}/{pool.Count} load_avg={load0}->{load1}"));
        Console.WriteLine(summary.ToString());

        if (csv is not null)
        {
            using var writer = new StreamWriter(csv);
            writer.WriteLine("source_port,ssrc,window_packets,seq_gaps,dup,reordered,talkspurt_breaks,p50_ms,p99_ms,max_ms");
            foreach (var s in streams.OrderBy(s => s.SourcePort))
            {
                writer.WriteLine(FormattableString.Invariant(
                    $"{s.SourcePort},{s.Ssrc},{s.WindowPackets},{s.Missing},{s.Duplicates},{s.Reordered},{s.TalkspurtBreaks},{s.Intervals!.QuantileMs(0.5):F2},{s.Intervals.QuantileMs(0.99):F2},{s.MaxIntervalNs / 1e6:F2}"));
            }
        }
        foreach (var failed in placed.Where(c => c.State == ProbeCallState.Failed).Take(5))
        {
            Console.Error.WriteLine($"call {failed.Index} failed: {failed.FailReason}");
        }
        return confirmed == calls && stillUp ? 0 : 1;
    }
}
