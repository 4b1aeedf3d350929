using System.Globalization;
using CallService.Engine;
using CallService.Lines;
using CallService.Records;
using Microsoft.Extensions.DependencyInjection;

namespace CallService.Demo;

/// <summary>
/// What `demo` shows a newcomer: a few calls from the built-in caller through real SIP and RTP to the
/// running service, each hanging up at a different moment, then every record and a ring summary.
/// </summary>
public static class DemoRun
{
    /// <summary>Configuration the demo starts the service with, before the user's own overrides:
    /// free loopback ports and a temporary database, so it never clashes with a running service.</summary>
    public static IReadOnlyList<string> DefaultArguments(string tempDirectory) =>
    [
        "--Sip:Address=127.0.0.1",
        $"--Sip:Port={FreeLoopbackPort()}",
        $"--Web:Urls=http://127.0.0.1:{FreeLoopbackPort()}",
        "--Sip:RtpPortMin=40000",
        "--Sip:RtpPortMax=40999",
        $"--Storage:ConnectionString=Data Source={Path.Combine(tempDirectory, "demo.db")}",
        "--Serilog:MinimumLevel:Default=Warning",
    ];

    /// <summary>A port free for UDP and TCP on 127.0.0.1 now (the OS picks it; we release it at once).</summary>
    private static int FreeLoopbackPort()
    {
        for (int attempt = 0; ; attempt++)
        {
            using var tcp = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            tcp.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            int port = ((System.Net.IPEndPoint)tcp.LocalEndPoint!).Port;
            try
            {
                using var udp = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
                udp.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
                return port;
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 20)
            {
                // UDP side taken: try another.
            }
        }
    }

    private sealed record Plan(string Number, string Who, string Story, TimeSpan GiveUpAfter, TimeSpan TalkFor, string? Line = null);

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken stopping)
    {
        var engine = services.GetRequiredService<SipEngine>();
        var store = services.GetRequiredService<ICallRecordStore>();
        var line = services.GetRequiredService<SalesLineDirectory>().Lines[0];
        int port = engine.LocalEndPoints[0].EndPoint.Port;
        double ringSeconds = line.Cadence.Period.TotalSeconds;
        double answerAt = line.AutoAnswerDelay.TotalSeconds;

        await output.WriteLineAsync($"CallService demo: line \"{line.Number}\" ({line.DisplayName}) on sip:{line.Number}@127.0.0.1:{port}, " +
            $"{line.Cadence.Name} cadence ({ringSeconds:0.#} s a ring), auto-answer after {line.AutoAnswerAfterRings} rings ({answerAt:0.#} s).").ConfigureAwait(false);
        Plan[] plans =
        [
            new("13800000001", "王先生", "gives up during ring 1", TimeSpan.FromSeconds(ringSeconds * 0.6), TimeSpan.Zero),
            new("13800000002", "李女士", "waits, hears the greeting, hangs up", TimeSpan.FromSeconds(answerAt + 30), TimeSpan.FromSeconds(4)),
            new("13800000003", "张先生", "waits on hold music", TimeSpan.FromSeconds(answerAt + 30), TimeSpan.FromSeconds(10)),
            new("13800000004", "陈小姐", "dials a number that does not exist", TimeSpan.FromSeconds(5), TimeSpan.Zero, "nobody"),
        ];
        foreach (var p in plans)
        {
            await output.WriteLineAsync($"  call from {p.Number} ({p.Who}): {p.Story}").ConfigureAwait(false);
        }

        await using var caller = await DemoCaller.StartAsync(41000, 41999, stopping).ConfigureAwait(false);
        var started = DateTime.UtcNow;
        var calls = plans.Select(p => caller.CallAsync(p.Line ?? line.Number, port, p.Number, p.Who, p.GiveUpAfter, p.TalkFor, stopping)).ToArray();
        var all = Task.WhenAll(calls);
        while (await Task.WhenAny(all, Task.Delay(1000, stopping)).ConfigureAwait(false) != all)
        {
            int done = calls.Count(c => c.IsCompleted);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  [{(DateTime.UtcNow - started).TotalSeconds,4:0} s] {engine.ActiveCalls} calls in progress at the service, {done}/{calls.Length} finished")).ConfigureAwait(false);
        }
        var outcomes = await all.ConfigureAwait(false);
        foreach (var (p, o) in plans.Zip(outcomes))
        {
            await output.WriteLineAsync($"  {p.Number}: final response {o.FinalStatus}, heard {o.PacketsHeard} RTP packets").ConfigureAwait(false);
        }

        // Let the last record updates land, then show them as `calls --json` would.
        await Task.Delay(500, stopping).ConfigureAwait(false);
        var records = await store.ListAsync(new CallRecordQuery(), stopping).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Call records:").ConfigureAwait(false);
        await output.WriteLineAsync(CallRecordJson.ToJson(records, indented: true)).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(Summary(records, line.TargetRings)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The ring summary: how many calls were answered within the target, by whom, in how many rings.</summary>
    public static string Summary(IReadOnlyList<CallRecord> records, int targetRings)
    {
        int answered = records.Count(r => r.AnsweredAt is not null);
        int within = records.Count(r => r.Rings is double rings && r.AnsweredAt is not null && rings <= targetRings);
        int abandoned = records.Count(r => r.Outcome == CallOutcome.Abandoned);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Ring summary: {records.Count} calls offered, {answered} answered ({within} within {targetRings} rings), {abandoned} abandoned while ringing."),
        };
        foreach (var r in records)
        {
            string rings = r.Rings is double x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "-";
            lines.Add($"  {r.CallerNumber,-12} {CallRecordNames.ToText(r.Outcome ?? CallOutcome.Interrupted),-14} rings {rings,-4} answered by {r.AnsweredBy ?? "-"}");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
