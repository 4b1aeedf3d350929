namespace CallService.LoadProbe;

/// <summary>Counts of durations in fixed bins (<see cref="BinNs"/> wide) with an overflow bin; exact max.</summary>
internal sealed class Histogram(long binNs, int bins)
{
    private readonly long[] _counts = new long[bins + 1];

    public long BinNs { get; } = binNs;

    public long Count { get; private set; }

    public long MaxNs { get; private set; }

    public long MinNs { get; private set; } = long.MaxValue;

    public double SumNs { get; private set; }

    public void Add(long ns)
    {
        long bin = ns < 0 ? 0 : ns / BinNs;
        _counts[bin >= bins ? bins : bin]++;
        Count++;
        SumNs += ns;
        if (ns > MaxNs)
        {
            MaxNs = ns;
        }
        if (ns < MinNs)
        {
            MinNs = ns;
        }
    }

    public void Merge(Histogram other)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
        Count += other.Count;
        SumNs += other.SumNs;
        MaxNs = Math.Max(MaxNs, other.MaxNs);
        MinNs = Math.Min(MinNs, other.MinNs);
    }

    public double MeanMs => Count == 0 ? double.NaN : SumNs / Count / 1e6;

    /// <summary>The q-quantile (0..1) in ms: the middle of the bin it falls in; the max when in the overflow bin.</summary>
    public double QuantileMs(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }
        long rank = (long)Math.Ceiling(q * Count);
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return i == bins ? MaxNs / 1e6 : ((i * BinNs) + (BinNs / 2.0)) / 1e6;
            }
        }
        return MaxNs / 1e6;
    }

    /// <summary>How many values were at least <paramref name="ns"/> (to bin precision).</summary>
    public long CountAtLeast(long ns)
    {
        long first = Math.Min(ns / BinNs, bins);
        long total = 0;
        for (long i = first; i < _counts.Length; i++)
        {
            total += _counts[i];
        }
        return total;
    }
}

/// <summary>Exact quantiles of a small sample (ring errors, setup latencies).</summary>
internal static class Quantiles
{
    public static double Of(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        int index = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
