namespace CallService.Stats;

/// <summary>
/// Folds what a store aggregated into the totals of a report, for several groupings from one pass:
/// <list type="number">
/// <item><see cref="AddPartial"/>: the counts and sums per combination of the groupings' keys (SQL:
/// GROUP BY agent, day, hour); they add up exactly (whole numbers) into each grouping's groups and the
/// overall. The partials leave the measured values out: their ValueTotals and ring bands are zero.</item>
/// <item><see cref="AddValues"/>: for each <see cref="StatisticsMeasure"/>, how many calls had each
/// value, per key combination (SQL: GROUP BY value, keys). From these the folder takes each set's
/// count, sum and maximum, the ring bands (from the tenths), and walks the values in ascending order
/// to the nearest-rank P50 and P90.</item>
/// </list>
/// A store that computes each grouping's totals directly can skip this class and use
/// <see cref="StatisticsReportBuilder"/> alone.
/// </summary>
public sealed class StatisticsFolder : IStatisticsSink
{
    private static readonly int MeasureCount = Enum.GetValues<StatisticsMeasure>().Length;

    private readonly StatisticsGrouping[] _groupings;
    private readonly Dictionary<string, Entry>[] _groups;
    private readonly Entry _overall = new();
    private readonly List<ValueRow>[] _values;
    private bool _finished;

    /// <param name="groupings">The groupings, in the order of the keys given to <see cref="AddPartial"/> and <see cref="AddValues"/> (None and repeats not allowed).</param>
    public StatisticsFolder(IReadOnlyList<StatisticsGrouping> groupings)
    {
        ArgumentNullException.ThrowIfNull(groupings);
        if (groupings.Contains(StatisticsGrouping.None) || groupings.Distinct().Count() != groupings.Count)
        {
            throw new ArgumentException("Each grouping once, and not None (the overall figures are always there).", nameof(groupings));
        }
        _groupings = [.. groupings];
        _groups = [.. _groupings.Select(_ => new Dictionary<string, Entry>(StringComparer.Ordinal))];
        _values = [.. Enumerable.Range(0, MeasureCount).Select(_ => new List<ValueRow>())];
    }

    public IReadOnlyList<StatisticsGrouping> Groupings => _groupings;

    /// <summary>A folder for the keyed groupings among <paramref name="groupings"/> (None and repeats left out).</summary>
    public static StatisticsFolder For(IReadOnlyList<StatisticsGrouping> groupings)
    {
        ArgumentNullException.ThrowIfNull(groupings);
        return new StatisticsFolder([.. groupings.Where(g => g != StatisticsGrouping.None).Distinct()]);
    }

    /// <summary>
    /// The reports of a store that folds its aggregates (<see cref="IPartialStatisticsSource"/>): one
    /// fold for all the groupings, then one report per grouping, in their order.
    /// </summary>
    public static async Task<IReadOnlyList<StatisticsReport>> ComputeAsync(
        IPartialStatisticsSource source, StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        StatisticsFolder folder = For(groupings);
        await source.FoldAsync(query, folder.Groupings, folder, cancellationToken).ConfigureAwait(false);
        return folder.Reports(query, groupings, source.Options);
    }

    /// <summary>The report of each of <paramref name="groupings"/> (None: the overall figures alone) from what was folded.</summary>
    public IReadOnlyList<StatisticsReport> Reports(StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        StatisticsTotals overall = Overall;
        return [.. groupings.Select(g => StatisticsReportBuilder.Build(
            query with { By = g },
            options,
            overall,
            g == StatisticsGrouping.None ? new Dictionary<string, StatisticsTotals>() : GroupsOf(g)))];
    }

    /// <summary>Adds the counts and sums of the calls with these keys (one key per grouping).</summary>
    public void AddPartial(IReadOnlyList<string> keys, StatisticsTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (totals.TimeToAnswerMs != default || totals.TimeToAnswerTenths != default || totals.QueueWaitMs != default
            || totals.CallbackCompletionMs != default
            || totals.RingsUpTo1 + totals.Rings1To2 + totals.Rings2To3 + totals.Rings3To4 + totals.RingsOver4 != 0)
        {
            throw new ArgumentException("A partial leaves the measured values and ring bands to AddValues.", nameof(totals));
        }
        Entry[] entries = EntriesOf(keys);
        foreach (Entry entry in entries)
        {
            entry.Totals = entry.Totals.Plus(totals);
        }
    }

    /// <summary><paramref name="count"/> calls with these keys had <paramref name="value"/> (any order).</summary>
    public void AddValues(StatisticsMeasure measure, long value, IReadOnlyList<string> keys, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!Enum.IsDefined(measure))
        {
            throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown measure.");
        }
        _values[(int)measure].Add(new ValueRow(value, count, EntriesOf(keys)));
    }

    /// <summary>The totals of every call.</summary>
    public StatisticsTotals Overall
    {
        get
        {
            Finish();
            return _overall.Totals;
        }
    }

    /// <summary>The totals of each group of a grouping.</summary>
    public IReadOnlyDictionary<string, StatisticsTotals> GroupsOf(StatisticsGrouping grouping)
    {
        int g = Array.IndexOf(_groupings, grouping);
        if (g < 0)
        {
            throw new ArgumentException($"{grouping} is not one of this folder's groupings.", nameof(grouping));
        }
        Finish();
        return _groups[g].ToDictionary(e => e.Key, e => e.Value.Totals, StringComparer.Ordinal);
    }

    /// <summary>The overall entry, then one entry per grouping for these keys.</summary>
    private Entry[] EntriesOf(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (_finished)
        {
            throw new InvalidOperationException("The totals were already taken; add everything first.");
        }
        if (keys.Count != _groupings.Length)
        {
            throw new ArgumentException($"{_groupings.Length} keys expected (one per grouping), got {keys.Count}.", nameof(keys));
        }
        var entries = new Entry[_groupings.Length + 1];
        entries[0] = _overall;
        for (int g = 0; g < _groupings.Length; g++)
        {
            if (!_groups[g].TryGetValue(keys[g], out Entry? entry))
            {
                entry = new Entry();
                _groups[g].Add(keys[g], entry);
            }
            entries[g + 1] = entry;
        }
        return entries;
    }

    private void Finish()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        for (int m = 0; m < MeasureCount; m++)
        {
            List<ValueRow> rows = _values[m];
            rows.Sort(static (a, b) => a.Value.CompareTo(b.Value));
            // First the count, sum and maximum of every set, then the walk up to its ranks.
            foreach (ValueRow row in rows)
            {
                foreach (Entry entry in row.Entries)
                {
                    entry.Walks[m].Add(row.Value, row.Count);
                    if (m == (int)StatisticsMeasure.RingsTenths)
                    {
                        entry.AddToBand(row.Value, row.Count);
                    }
                }
            }
            foreach (ValueRow row in rows)
            {
                foreach (Entry entry in row.Entries)
                {
                    entry.Walks[m].Step(row.Value, row.Count);
                }
            }
        }
        _overall.Complete();
        foreach (Dictionary<string, Entry> groups in _groups)
        {
            foreach (Entry entry in groups.Values)
            {
                entry.Complete();
            }
        }
    }

    /// <summary>One set of calls (the overall, or one group of one grouping).</summary>
    private sealed class Entry
    {
        private readonly long[] _bands = new long[5];

        public StatisticsTotals Totals { get; set; } = StatisticsTotals.Empty;

        public ValueWalk[] Walks { get; } = [.. Enumerable.Range(0, MeasureCount).Select(_ => new ValueWalk())];

        /// <summary>The bands of <see cref="RingDistribution"/>, upper bounds included.</summary>
        public void AddToBand(long tenths, long count) => _bands[tenths switch
        {
            <= 10 => 0,
            <= 20 => 1,
            <= 30 => 2,
            <= 40 => 3,
            _ => 4,
        }] += count;

        public void Complete() => Totals = Totals with
        {
            RingsUpTo1 = _bands[0],
            Rings1To2 = _bands[1],
            Rings2To3 = _bands[2],
            Rings3To4 = _bands[3],
            RingsOver4 = _bands[4],
            TimeToAnswerMs = Walks[(int)StatisticsMeasure.TimeToAnswerMs].Totals,
            TimeToAnswerTenths = Walks[(int)StatisticsMeasure.RingsTenths].Totals,
            QueueWaitMs = Walks[(int)StatisticsMeasure.QueueWaitMs].Totals,
            CallbackCompletionMs = Walks[(int)StatisticsMeasure.CallbackCompletionMs].Totals,
        };
    }

    /// <summary>Calls that had a value, and the sets they belong to (overall first).</summary>
    private readonly record struct ValueRow(long Value, long Count, Entry[] Entries);

    /// <summary>One set's values of one measure: count, sum and maximum, then the walk in ascending order to the nearest ranks.</summary>
    private sealed class ValueWalk
    {
        private long _count;
        private long _sum;
        private long? _max;
        private long _seen;
        private long? _p50;
        private long? _p90;

        public ValueTotals Totals => new(_count, _sum, _max, _p50, _p90);

        public void Add(long value, long count)
        {
            _count += count;
            _sum += value * count;
            _max = _max is { } max ? Math.Max(max, value) : value;
        }

        public void Step(long value, long count)
        {
            _seen += count;
            // The first value whose running count reaches a rank is the value at that rank.
            if (_p50 is null && _seen >= NearestRank.Rank(50, _count))
            {
                _p50 = value;
            }
            if (_p90 is null && _seen >= NearestRank.Rank(90, _count))
            {
                _p90 = value;
            }
        }
    }
}
