using System.Diagnostics.Metrics;
using System.Globalization;

namespace CallService.Metrics;

/// <summary>
/// A <see cref="MeterListener"/> that takes a snapshot on demand: observable instruments are read at
/// <see cref="Collect"/>; counters fed with Add (e.g. System.Runtime's dotnet.exceptions) are summed as
/// they come. Histograms are not listened to (Prometheus buckets are not worth their cost here).
/// </summary>
public sealed class MetricsSnapshotListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Func<Meter, bool> _include;
    private readonly Lock _gate = new();
    private readonly Dictionary<(Instrument, string), MetricSample> _sums = [];
    private List<MetricSample>? _collecting;

    /// <param name="include">Which meters to listen to.</param>
    public MetricsSnapshotListener(Func<Meter, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        _include = include;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_include(instrument.Meter) && !IsHistogram(instrument))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<short>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _listener.Start();
    }

    /// <summary>Reads every observable instrument now and returns all values, sorted by instrument name.</summary>
    public IReadOnlyList<MetricSample> Collect()
    {
        lock (_gate)
        {
            _collecting = [];
            try
            {
                _listener.RecordObservableInstruments();
                _collecting.AddRange(_sums.Values);
                return [.. _collecting.OrderBy(s => s.Instrument.Name, StringComparer.Ordinal)];
            }
            finally
            {
                _collecting = null;
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private static bool IsHistogram(Instrument instrument)
    {
        Type type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Histogram<>);
    }

    private void OnMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible
    {
        double number = value.ToDouble(CultureInfo.InvariantCulture);
        var tagList = new KeyValuePair<string, string>[tags.Length];
        for (int i = 0; i < tags.Length; i++)
        {
            tagList[i] = new(tags[i].Key, Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty);
        }
        lock (_gate)
        {
            if (instrument.IsObservable)
            {
                // Observable callbacks run inside Collect, on its thread, under the gate.
                _collecting?.Add(new MetricSample(instrument, tagList, number));
                return;
            }
            // Counter/UpDownCounter Add: keep the running sum per tag set.
            string key = string.Join('\u001f', tagList.Select(t => t.Key + "=" + t.Value));
            double sum = _sums.TryGetValue((instrument, key), out MetricSample? previous) ? previous.Value : 0;
            _sums[(instrument, key)] = new MetricSample(instrument, tagList, sum + number);
        }
    }
}
