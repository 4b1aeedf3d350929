using System.Collections.Concurrent;
using System.Globalization;

namespace CallService.Stats;

/// <summary>
/// An <see cref="IStatisticsSource"/> that keeps, per local day and query shape, the exact aggregates
/// a store returned (<see cref="DayPartials"/>: class counts and value histograms) and folds them again
/// for the next query, asking the store only for the days whose records changed. The dashboard's
/// refreshes and filters then cost one fingerprint query and the fold, not a pass over every record of
/// the period (bench/README.md "Statistics").
/// <para>
/// Exactness: a day is reused only when the store's <see cref="DayFingerprint"/> (records, highest id,
/// open records) is the one recorded with it and the day had no open record; a finished call's
/// figures do not change (later writes are notes), so a new or still-running call always makes its
/// day be computed again. Partial days at the ends of a period are always computed. The figures are
/// those of the store's own source to the last digit (tests compare the JSON).
/// </para>
/// </summary>
public sealed class DayCachedStatisticsSource : IStatisticsSource
{
    /// <summary>Rows kept before the cache is emptied (a few MB; a 30-day dashboard of 83,000 calls holds about 100,000).</summary>
    public const int DefaultMaxRows = 2_000_000;

    private readonly IPartialStatisticsSource _store;
    private readonly int _maxRows;
    private readonly ConcurrentDictionary<string, Entry> _days = new(StringComparer.Ordinal);
    private int _rows;

    public DayCachedStatisticsSource(IPartialStatisticsSource store, int maxRows = DefaultMaxRows)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        _store = store;
        _maxRows = maxRows;
    }

    /// <summary>Days computed by the store so far (tests and the benchmark look at it).</summary>
    public long DaysComputed => Interlocked.Read(ref _daysComputed);

    /// <summary>Days folded from the cache so far.</summary>
    public long DaysReused => Interlocked.Read(ref _daysReused);

    private long _daysComputed;
    private long _daysReused;

    /// <inheritdoc />
    public async Task<StatisticsReport> ComputeAsync(StatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<StatisticsReport> reports = await ComputeAsync(query, [query.By], cancellationToken).ConfigureAwait(false);
        return reports[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StatisticsReport>> ComputeAsync(
        StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        query.Validate();
        StatisticsOptions options = _store.Options;
        TimeZoneInfo zone = options.TimeZone;
        StatisticsFolder folder = StatisticsFolder.For(groupings);
        StatisticsGrouping[] keyed = [.. folder.Groupings];

        // The whole local days inside the period; what is left at either end is computed each time.
        DateOnly first = ReportTimeZone.LocalDay(query.From.ToUnixTimeMilliseconds(), zone);
        if (ReportTimeZone.StartOfDay(first, zone) < query.From)
        {
            first = first.AddDays(1);
        }
        DateOnly end = ReportTimeZone.LocalDay(query.To.ToUnixTimeMilliseconds(), zone);
        if (ReportTimeZone.StartOfDay(end, zone) > query.To)
        {
            end = end.AddDays(-1);
        }
        DateTimeOffset wholeFrom = ReportTimeZone.StartOfDay(first, zone);
        DateTimeOffset wholeTo = ReportTimeZone.StartOfDay(end, zone);
        if (first >= end)
        {
            await _store.FoldAsync(query, keyed, folder, cancellationToken).ConfigureAwait(false);
            return folder.Reports(query, groupings, options);
        }
        if (query.From < wholeFrom)
        {
            await _store.FoldAsync(query with { To = wholeFrom }, keyed, folder, cancellationToken).ConfigureAwait(false);
        }
        if (wholeTo < query.To)
        {
            await _store.FoldAsync(query with { From = wholeTo }, keyed, folder, cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyDictionary<DateOnly, DayFingerprint> prints =
            await _store.FingerprintsAsync(wholeFrom, wholeTo, cancellationToken).ConfigureAwait(false);
        string shape = Shape(query, keyed);
        var missing = new List<DateOnly>();
        for (DateOnly day = first; day < end; day = day.AddDays(1))
        {
            DayFingerprint print = prints.GetValueOrDefault(day);
            if (_days.TryGetValue(Key(shape, day), out Entry? cached) && cached.Print == print)
            {
                cached.Partials.ReplayInto(folder);
                Interlocked.Increment(ref _daysReused);
            }
            else if (print.Records > 0)
            {
                missing.Add(day);
            }
        }
        if (missing.Count > 0)
        {
            // One pass over the span of the days to compute, split by day.
            DateTimeOffset spanFrom = ReportTimeZone.StartOfDay(missing[0], zone);
            DateTimeOffset spanTo = ReportTimeZone.StartOfDay(missing[^1].AddDays(1), zone);
            var splitter = new DaySplitter(keyed, missing);
            await _store.FoldAsync(query with { From = spanFrom, To = spanTo }, splitter.Groupings, splitter, cancellationToken).ConfigureAwait(false);
            foreach (DateOnly day in missing)
            {
                DayPartials partials = splitter.Of(day);
                partials.ReplayInto(folder);
                Interlocked.Increment(ref _daysComputed);
                DayFingerprint print = prints.GetValueOrDefault(day);
                if (print.Open == 0)
                {
                    Remember(Key(shape, day), new Entry(print, partials));
                }
            }
        }
        return folder.Reports(query, groupings, options);
    }

    private void Remember(string key, Entry entry)
    {
        if (Interlocked.Add(ref _rows, entry.Partials.Rows) > _maxRows)
        {
            // Simple bound: start again rather than track use; a dashboard refills what it needs.
            _days.Clear();
            Interlocked.Exchange(ref _rows, entry.Partials.Rows);
        }
        _days[key] = entry;
    }

    /// <summary>What the recorded rows depend on besides the day: the filters and the groupings in order.</summary>
    private static string Shape(StatisticsQuery query, StatisticsGrouping[] keyed) =>
        string.Join('\u001f', query.Line ?? "\u0000", query.Desk ?? "\u0000", query.Agent ?? "\u0000", string.Join(',', keyed.Select(g => g.ToName())));

    private static string Key(string shape, DateOnly day) =>
        string.Concat(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "\u001f", shape);

    private sealed record Entry(DayFingerprint Print, DayPartials Partials);

    /// <summary>Receives rows keyed by day first, then the wanted groupings; records each day's rows without the day key (unless Day is wanted too).</summary>
    private sealed class DaySplitter : IStatisticsSink
    {
        private readonly Dictionary<string, DayPartials> _byDay = new(StringComparer.Ordinal);
        private readonly string[] _keys;

        public DaySplitter(StatisticsGrouping[] wanted, IEnumerable<DateOnly> days)
        {
            // Day leads; a wanted Day grouping then reads the same key.
            Groupings = [StatisticsGrouping.Day, .. wanted.Where(g => g != StatisticsGrouping.Day)];
            Map = [.. wanted.Select(g => g == StatisticsGrouping.Day ? 0 : Array.IndexOf(Groupings, g))];
            _keys = new string[wanted.Length];
            foreach (DateOnly day in days)
            {
                _byDay.Add(StatisticsKeys.Day(day), new DayPartials());
            }
        }

        public StatisticsGrouping[] Groupings { get; }

        private int[] Map { get; }

        public DayPartials Of(DateOnly day) => _byDay[StatisticsKeys.Day(day)];

        public void AddPartial(IReadOnlyList<string> keys, StatisticsTotals totals)
        {
            // Days of the span not wanted (cached already, or without records) are dropped.
            if (_byDay.TryGetValue(keys[0], out DayPartials? partials))
            {
                partials.AddPartial(Wanted(keys), totals);
            }
        }

        public void AddValues(StatisticsMeasure measure, long value, IReadOnlyList<string> keys, long count)
        {
            if (_byDay.TryGetValue(keys[0], out DayPartials? partials))
            {
                partials.AddValues(measure, value, Wanted(keys), count);
            }
        }

        private string[] Wanted(IReadOnlyList<string> keys)
        {
            for (int i = 0; i < Map.Length; i++)
            {
                _keys[i] = keys[Map[i]];
            }
            return _keys;
        }
    }
}
