using System.Diagnostics.Metrics;
using CallService.Metrics;

namespace CallService.Tests.Metrics;

/// <summary>The exposition GET /metrics writes, from a snapshot of a meter of the test's own.</summary>
public sealed class PrometheusTextWriterTests
{
    [Theory]
    [InlineData("callservice.calls.offered", "{call}", true, "callservice_calls_offered_total")]
    [InlineData("callservice.calls.active", "{call}", false, "callservice_calls_active")]
    [InlineData("callservice.rtp.pacer.max_lateness", "s", false, "callservice_rtp_pacer_max_lateness_seconds")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", true, "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("odd-name/with spaces", null, false, "odd_name_with_spaces")]
    [InlineData("9lives", null, false, "_lives")]
    public void Instrument_names_become_Prometheus_names(string instrument, string? unit, bool counter, string expected) =>
        Assert.Equal(expected, PrometheusTextWriter.MetricName(instrument, unit, counter));

    [Fact]
    public void Observable_counters_gauges_and_tagged_values_are_written_with_help_and_type()
    {
        using var meter = new Meter("CallService.Tests.Exposition." + Guid.NewGuid().ToString("N"));
        long offered = 3;
        meter.CreateObservableCounter("test.calls.offered", () => offered, "{call}", "Calls offered.");
        meter.CreateObservableGauge("test.calls.active", () => 2, "{call}", "Calls now.");
        meter.CreateObservableGauge("test.lateness", () => 0.0125, "s", "Worst lateness.\nSecond line.");
        meter.CreateObservableCounter("test.calls.ended", () => new[]
        {
            new Measurement<long>(5, new KeyValuePair<string, object?>("outcome", "auto-answered")),
            new Measurement<long>(1, new KeyValuePair<string, object?>("outcome", "say \"hi\"\\")),
        }, "{call}");
        using var listener = new MetricsSnapshotListener(m => ReferenceEquals(m, meter));

        string text = PrometheusTextWriter.Write(listener.Collect());

        Assert.Equal(
            """
            # HELP test_calls_active Calls now.
            # TYPE test_calls_active gauge
            test_calls_active 2
            # TYPE test_calls_ended_total counter
            test_calls_ended_total{outcome="auto-answered"} 5
            test_calls_ended_total{outcome="say \"hi\"\\"} 1
            # HELP test_calls_offered_total Calls offered.
            # TYPE test_calls_offered_total counter
            test_calls_offered_total 3
            # HELP test_lateness_seconds Worst lateness.\nSecond line.
            # TYPE test_lateness_seconds gauge
            test_lateness_seconds 0.0125

            """.Replace("\r\n", "\n", StringComparison.Ordinal), text);

        offered = 4;
        Assert.Contains("test_calls_offered_total 4\n", PrometheusTextWriter.Write(listener.Collect()), StringComparison.Ordinal);
    }

    [Fact]
    public void Counters_fed_with_Add_are_summed_per_tag_set_and_histograms_are_left_out()
    {
        using var meter = new Meter("CallService.Tests.Exposition." + Guid.NewGuid().ToString("N"));
        using var listener = new MetricsSnapshotListener(m => ReferenceEquals(m, meter));
        var errors = meter.CreateCounter<long>("test.errors");
        var duration = meter.CreateHistogram<double>("test.duration", "s");
        errors.Add(2, new KeyValuePair<string, object?>("kind", "a"));
        errors.Add(3, new KeyValuePair<string, object?>("kind", "a"));
        errors.Add(1, new KeyValuePair<string, object?>("kind", "b"));
        duration.Record(1.5);

        string text = PrometheusTextWriter.Write(listener.Collect());

        Assert.Contains("# TYPE test_errors_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("test_errors_total{kind=\"a\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("test_errors_total{kind=\"b\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("test_duration", text, StringComparison.Ordinal);
    }
}
