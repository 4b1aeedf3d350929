using System.Globalization;
using CallService.Tests.Interop;
using CallService.Tests.Support;

namespace CallService.Tests.Metrics;

/// <summary>GET /metrics of the built product while a sipp caller is on the line.</summary>
[Collection("real peers")]
public sealed class MetricsEndpointTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_call_shows_in_the_call_counters_and_the_RTP_counters_grow_while_it_plays()
    {
        await using var product = await ProductProcess.StartAsync("--Lines:0:AutoAnswerAfterRings=0");
        using WebSession session = await product.ManagerSessionAsync();
        HttpClient http = session.Http;
        using var rtp = new RtpRecorder();

        var before = await ScrapeAsync(http);
        Assert.Equal(0, before["callservice_calls_offered_total"]);

        await using var sipp = Sipp.Start("caller.xml", product.SipPort,
            ["-s", "sales", "-key", "caller", "13800005678", "-key", "rtp_port", rtp.Port.ToString(CultureInfo.InvariantCulture), "-m", "1", "-d", "4000"]);
        await Eventually.True(() => rtp.Packets.Count >= 10, "the greeting's first packets at the caller", 15_000);

        var during = await ScrapeAsync(http);
        await Eventually.True(() => rtp.Packets.Count >= 30, "more packets at the caller", 10_000);
        var later = await ScrapeAsync(http);
        output.WriteLine($"during: offered {during["callservice_calls_offered_total"]}, active {during["callservice_calls_active"]}, " +
            $"rtp sent {during["callservice_rtp_packets_sent_total"]} -> {later["callservice_rtp_packets_sent_total"]}");
        Assert.True(during["callservice_calls_offered_total"] >= 1);
        Assert.Equal(1, during["callservice_calls_active"]);
        Assert.Equal(1, during["callservice_rtp_streams"]);
        Assert.True(later["callservice_rtp_packets_sent_total"] > during["callservice_rtp_packets_sent_total"],
            $"RTP packets sent did not grow: {during["callservice_rtp_packets_sent_total"]} then {later["callservice_rtp_packets_sent_total"]}");
        Assert.True(later["callservice_sip_datagrams_received_total"] >= 2); // INVITE and ACK at least

        int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"sipp exit {exit}:\n{SippInteropTests.Tail(sipp.Output)}\n{product.Output}");
        var after = await ScrapeAsync(http);
        for (long deadline = Environment.TickCount64 + 10_000; after["callservice_calls_active"] != 0; after = await ScrapeAsync(http))
        {
            Assert.True(Environment.TickCount64 < deadline, "the call did not end within 10 s of sipp's BYE");
            await Task.Delay(50);
        }
        Assert.Equal(1, after["callservice_calls_offered_total"]);
        Assert.Equal(1, after["callservice_calls_answered_total"]);
        Assert.Equal(0, after["callservice_calls_abandoned_total"]);
        Assert.Equal(1, after["callservice_calls_ended_total{outcome=\"auto-answered\"}"]);
        // On the real clock the calls' timers run on the precise timer thread, which reports itself
        // (this line answers at once, so none was needed here).
        Assert.Equal(0, after["callservice_timers_fired_total"]);
        Assert.Equal(0, after["callservice_timers_max_lateness_seconds"]);
        Assert.True(after["callservice_rtp_packets_sent_total"] >= rtp.Packets.Count,
            $"the service counted {after["callservice_rtp_packets_sent_total"]} RTP packets, the caller received {rtp.Packets.Count}");
    }

    /// <summary>GET /metrics parsed into "name{labels}" -> value; checks the content type and the line grammar.</summary>
    private static async Task<Dictionary<string, double>> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches(@"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$", line);
                continue;
            }
            int space = line.LastIndexOf(' ');
            values[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
        return values;
    }
}
