using System.Collections.Immutable;

namespace CallService.Lines;

/// <summary>
/// The ringback cadence a caller hears, and so the unit rings are counted in (DESIGN.md "Counting rings").
/// One ring is one period of the on/off list: cn 1000/4000 ms (5 s), us 2000/4000 ms (6 s),
/// uk 400/200/400/2000 ms (3 s). Ring N+1 begins at N periods after the first ringback packet, so
/// "answered within N rings" means answered before <see cref="RingStart"/>(N + 1).
/// </summary>
/// <remarks>
/// A value: two cadences are equal when their names, on/off lists and tones are equal.
/// <c>default(RingCadence)</c> is no cadence at all; its members that need a period throw.
/// </remarks>
public readonly struct RingCadence : IEquatable<RingCadence>
{
    /// <summary>Shortest on or off part of a custom cadence, in ms.</summary>
    public const int MinPartMs = 50;

    /// <summary>Longest on or off part of a custom cadence, in ms.</summary>
    public const int MaxPartMs = 10_000;

    /// <summary>China (the default): 450 Hz, 1 s on, 4 s off.</summary>
    public static RingCadence China { get; } = new("cn", [1000, 4000], [450]);

    /// <summary>United States: 440 + 480 Hz, 2 s on, 4 s off.</summary>
    public static RingCadence UnitedStates { get; } = new("us", [2000, 4000], [440, 480]);

    /// <summary>United Kingdom: 400 + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off.</summary>
    public static RingCadence UnitedKingdom { get; } = new("uk", [400, 200, 400, 2000], [400, 450]);

    private RingCadence(string name, ImmutableArray<int> onOffMs, ImmutableArray<int> toneHz)
    {
        Name = name;
        OnOffMs = onOffMs;
        ToneFrequenciesHz = toneHz;
        long total = 0;
        foreach (int part in onOffMs)
        {
            total += part;
        }
        Period = TimeSpan.FromMilliseconds(total);
    }

    /// <summary>"cn", "us", "uk" or "custom"; null for <c>default</c>.</summary>
    public string? Name { get; }

    /// <summary>On, off, on, off ... durations in ms; the tone sounds during the even-indexed parts.</summary>
    public ImmutableArray<int> OnOffMs { get; }

    /// <summary>The frequencies mixed while the tone is on (one or two, in Hz).</summary>
    public ImmutableArray<int> ToneFrequenciesHz { get; }

    /// <summary>The length of one ring: the sum of the on/off list.</summary>
    public TimeSpan Period { get; }

    /// <summary>False for <c>default(RingCadence)</c>.</summary>
    public bool IsDefined => Period > TimeSpan.Zero;

    /// <summary>
    /// A custom cadence (line option Cadence = "custom"): an even count of on/off parts of
    /// <see cref="MinPartMs"/>..<see cref="MaxPartMs"/> ms each. The tone is the default's 450 Hz,
    /// because the line options carry no frequency of their own.
    /// </summary>
    /// <exception cref="ArgumentException">the list is empty, odd, or has a part out of range.</exception>
    public static RingCadence Custom(IEnumerable<int> onOffMs)
    {
        ArgumentNullException.ThrowIfNull(onOffMs);
        ImmutableArray<int> parts = [.. onOffMs];
        if (parts.IsEmpty || parts.Length % 2 != 0)
        {
            throw new ArgumentException($"A custom cadence needs an even, non-zero count of on/off parts; got {parts.Length}.", nameof(onOffMs));
        }
        foreach (int part in parts)
        {
            if (part is < MinPartMs or > MaxPartMs)
            {
                throw new ArgumentException($"Each on/off part must be {MinPartMs}..{MaxPartMs} ms; got {part}.", nameof(onOffMs));
            }
        }
        return new RingCadence("custom", parts, China.ToneFrequenciesHz);
    }

    /// <summary>The cadence a line's options name: "cn", "us", "uk" (case ignored), or "custom" with its list.</summary>
    /// <returns>False for an unknown name or an invalid custom list (the options validator says which).</returns>
    public static bool TryFromName(string? name, IReadOnlyList<int>? customOnOffMs, out RingCadence cadence)
    {
        cadence = default;
        switch (name?.Trim().ToLowerInvariant())
        {
            case "cn":
                cadence = China;
                return true;
            case "us":
                cadence = UnitedStates;
                return true;
            case "uk":
                cadence = UnitedKingdom;
                return true;
            case "custom":
                if (customOnOffMs is null || customOnOffMs.Count == 0 || customOnOffMs.Count % 2 != 0)
                {
                    return false;
                }
                foreach (int part in customOnOffMs)
                {
                    if (part is < MinPartMs or > MaxPartMs)
                    {
                        return false;
                    }
                }
                cadence = Custom(customOnOffMs);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Fractional rings heard after <paramref name="elapsed"/> since ringing started: elapsed / period.</summary>
    public double Rings(TimeSpan elapsed) => (double)elapsed.Ticks / RequirePeriod().Ticks;

    /// <summary>
    /// Rings for the call record: elapsed / period truncated to one decimal (a tenth counts once it has
    /// fully elapsed, so 9.99 s of cn rings is 1.9 and exactly 10 s is 2.0). Computed in whole ticks,
    /// so no floating-point error moves a boundary. Negative elapsed time counts as zero.
    /// </summary>
    public decimal RingsToTenth(TimeSpan elapsed)
    {
        long ticks = Math.Max(0, elapsed.Ticks);
        long tenths = (long)((Int128)ticks * 10 / RequirePeriod().Ticks);
        return new decimal((int)(tenths & 0xFFFF_FFFF), (int)(tenths >> 32), 0, false, 1);
    }

    /// <summary>When ring <paramref name="ringNumber"/> (1-based) begins, from the start of ringing: (N - 1) periods.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ringNumber"/> is below 1.</exception>
    public TimeSpan RingStart(int ringNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ringNumber, 1);
        return RequirePeriod() * (ringNumber - 1);
    }

    /// <summary>Whether the tone sounds at <paramref name="elapsed"/> since ringing started (for the ringback generator).</summary>
    public bool IsToneOn(TimeSpan elapsed)
    {
        long periodTicks = RequirePeriod().Ticks;
        long intoRing = ((elapsed.Ticks % periodTicks) + periodTicks) % periodTicks;
        long partEnd = 0;
        for (int i = 0; i < OnOffMs.Length; i++)
        {
            partEnd += TimeSpan.TicksPerMillisecond * OnOffMs[i];
            if (intoRing < partEnd)
            {
                return i % 2 == 0;
            }
        }
        return false;
    }

    private TimeSpan RequirePeriod() =>
        IsDefined ? Period : throw new InvalidOperationException("default(RingCadence) has no cadence; use China, UnitedStates, UnitedKingdom or Custom.");

    /// <inheritdoc />
    public bool Equals(RingCadence other) =>
        Name == other.Name
        && OnOffMs.AsSpan().SequenceEqual(other.OnOffMs.AsSpan())
        && ToneFrequenciesHz.AsSpan().SequenceEqual(other.ToneFrequenciesHz.AsSpan());

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RingCadence other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        foreach (int part in OnOffMs.AsSpan())
        {
            hash.Add(part);
        }
        return hash.ToHashCode();
    }

    /// <summary>E.g. "cn 1000/4000 ms (5000 ms) 450 Hz".</summary>
    public override string ToString() =>
        IsDefined
            ? $"{Name} {string.Join('/', OnOffMs)} ms ({Period.TotalMilliseconds:0} ms) {string.Join('+', ToneFrequenciesHz)} Hz"
            : "(no cadence)";

    public static bool operator ==(RingCadence left, RingCadence right) => left.Equals(right);

    public static bool operator !=(RingCadence left, RingCadence right) => !left.Equals(right);
}
