namespace CallService.Stats;

/// <summary>What <see cref="DemoCallGenerator"/> generates: how many calls over which days, from which seed.</summary>
public sealed record DemoDataSettings
{
    /// <summary>Calls to generate (exactly this many).</summary>
    public required int Calls { get; init; }

    /// <summary>Days the calls spread over, ending with <see cref="LastDay"/>.</summary>
    public int Days { get; init; } = 30;

    /// <summary>The last day with calls, in <see cref="TimeZone"/>.</summary>
    public required DateOnly LastDay { get; init; }

    /// <summary>The same seed (with the same other settings) gives the same records.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The zone of the sales centre's opening hours.</summary>
    public TimeZoneInfo TimeZone { get; init; } = StatisticsOptions.DefaultTimeZone();

    /// <summary>The first day with calls.</summary>
    public DateOnly FirstDay => LastDay.AddDays(1 - Days);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Calls);
        ArgumentOutOfRangeException.ThrowIfLessThan(Days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Days, 3660);
        ArgumentNullException.ThrowIfNull(TimeZone);
    }
}
