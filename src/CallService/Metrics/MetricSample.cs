using System.Diagnostics.Metrics;

namespace CallService.Metrics;

/// <summary>One value of one instrument with one tag set, as collected by <see cref="MetricsSnapshotListener"/>.</summary>
/// <param name="Instrument">The instrument that reported it.</param>
/// <param name="Tags">Its tags, in the order the instrument gave them.</param>
/// <param name="Value">The observed value (observable instruments) or the running sum (counters fed with Add).</param>
public sealed record MetricSample(Instrument Instrument, IReadOnlyList<KeyValuePair<string, string>> Tags, double Value);
