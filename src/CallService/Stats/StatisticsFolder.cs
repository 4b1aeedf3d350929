namespace CallService.Stats;

/// <summary>
/// Folds what a store aggregated into the totals of a report, for several groupings from one pass:
/// <list type="number">
/// <item><see cref="AddPartial"/>: totals per combination of the groupings' keys (SQL: GROUP BY agent,
/// day, hour); they add up exactly (whole numbers) into each grouping's groups and the overall.</item>
/// <item><see cref="AddValues"/>: for each <see cref="StatisticsMeasure"/>, how many calls had each
/// value, per key combination, in ascending order of value (SQL: GROUP BY value, keys ORDER BY value).
/// Walking them with the counts of step 1 finds every nearest-rank P50 and P90 exactly.</item>
/// </list>
/// A store that computes each grouping's totals directly can skip this class and use
/// <see cref="StatisticsReportBuilder"/> alone.
/// </summary>
public sealed class StatisticsFolder
{
    private readonly StatisticsGrouping[] _groupings;
    private readonly Dictionary<string, Entry>[] _groups;
    private readonly Entry _overall = new();
    private readonly long?[] _lastValue = new long?[Enum.GetValues<StatisticsMeasure>().Length];
    private bool _valuesStarted;

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
    }

    public IReadOnlyList<StatisticsGrouping> Groupings => _groupings;

    /// <summary>Adds the totals of the calls with these keys (one per grouping). All partials come before any values.</summary>
    public void AddPartial(IReadOnlyList<string> keys, StatisticsTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        CheckKeys(keys);
        if (_valuesStarted)
        {
            throw new InvalidOperationException("Add every partial before the values: the percentiles need the final counts.");
        }
        _overall.Totals = _overall.Totals.Plus(totals);
        for (int g = 0; g < _groupings.Length; g++)
        {
            Entry group = GroupEntry(g, keys[g]);
            group.Totals = group.Totals.Plus(totals);
        }
    }

    /// <summary><paramref name="count"/> calls with these keys had <paramref name="value"/>; values of a measure come in ascending order.</summary>
    public void AddValues(StatisticsMeasure measure, long value, IReadOnlyList<string> keys, long count)
    {
        CheckKeys(keys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        int m = (int)measure;
        if (_lastValue[m] is { } last && value < last)
        {
            throw new ArgumentException($"The values of {measure} must come in ascending order ({value} after {last}).", nameof(value));
        }
        _lastValue[m] = value;
        _valuesStarted = true;
        _overall.Rank(measure, value, count);
        for (int g = 0; g < _groupings.Length; g++)
        {
            GroupEntry(g, keys[g]).Rank(measure, value, count);
        }
    }

    /// <summary>The totals of every call, percentiles included.</summary>
    public StatisticsTotals Overall => _overall.Result();

    /// <summary>The totals of each group of a grouping, percentiles included.</summary>
    public IReadOnlyDictionary<string, StatisticsTotals> GroupsOf(StatisticsGrouping grouping)
    {
        int g = Array.IndexOf(_groupings, grouping);
        if (g < 0)
        {
            throw new ArgumentException($"{grouping} is not one of this folder's groupings.", nameof(grouping));
        }
        return _groups[g].ToDictionary(e => e.Key, e => e.Value.Result(), StringComparer.Ordinal);
    }

    private Entry GroupEntry(int grouping, string key)
    {
        if (!_groups[grouping].TryGetValue(key, out Entry? entry))
        {
            entry = new Entry();
            _groups[grouping].Add(key, entry);
        }
        return entry;
    }

    private void CheckKeys(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count != _groupings.Length)
        {
            throw new ArgumentException($"{_groupings.Length} keys expected (one per grouping), got {keys.Count}.", nameof(keys));
        }
    }

    /// <summary>One set of calls: its totals, and how far the walk up each measure's values has come.</summary>
    private sealed class Entry
    {
        private readonly long[] _seen = new long[3];
        private readonly long?[] _p50 = new long?[3];
        private readonly long?[] _p90 = new long?[3];

        public StatisticsTotals Totals { get; set; } = StatisticsTotals.Empty;

        public void Rank(StatisticsMeasure measure, long value, long count)
        {
            int m = (int)measure;
            long total = Values(measure).Count;
            _seen[m] += count;
            if (_seen[m] > total)
            {
                throw new InvalidOperationException($"More {measure} values than the totals counted ({_seen[m]} > {total}).");
            }
            // Values ascend: the first value whose running count reaches a rank is the value at that rank.
            if (_p50[m] is null && _seen[m] >= NearestRank.Rank(50, total))
            {
                _p50[m] = value;
            }
            if (_p90[m] is null && _seen[m] >= NearestRank.Rank(90, total))
            {
                _p90[m] = value;
            }
        }

        public StatisticsTotals Result() => Totals with
        {
            TimeToAnswerMs = With(StatisticsMeasure.TimeToAnswerMs),
            TimeToAnswerTenths = With(StatisticsMeasure.RingsTenths),
            QueueWaitMs = With(StatisticsMeasure.QueueWaitMs),
        };

        private ValueTotals With(StatisticsMeasure measure)
        {
            int m = (int)measure;
            ValueTotals values = Values(measure);
            if (values.Count > 0 && _seen[m] != values.Count)
            {
                throw new InvalidOperationException($"{_seen[m]} {measure} values were given for {values.Count} counted.");
            }
            return values with { P50 = _p50[m], P90 = _p90[m] };
        }

        private ValueTotals Values(StatisticsMeasure measure) => measure switch
        {
            StatisticsMeasure.TimeToAnswerMs => Totals.TimeToAnswerMs,
            StatisticsMeasure.RingsTenths => Totals.TimeToAnswerTenths,
            _ => Totals.QueueWaitMs,
        };
    }
}
