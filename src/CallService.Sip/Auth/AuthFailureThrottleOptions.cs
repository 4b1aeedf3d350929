namespace CallService.Sip.Auth;

/// <summary>Settings of <see cref="AuthFailureThrottle"/>; checked when the throttle is built.</summary>
public sealed record AuthFailureThrottleOptions
{
    /// <summary>Failures within <see cref="Window"/> that block a source. Default 5.</summary>
    public int MaxFailures { get; init; } = 5;

    /// <summary>The sliding window failures are counted in. Default 1 minute.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a blocked source stays blocked (the cool-down). Default 5 minutes.</summary>
    public TimeSpan BlockDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most sources tracked at once (bounded memory). Default 10 000.</summary>
    public int MaxTrackedSources { get; init; } = 10_000;

    /// <summary>
    /// IPv6 sources are grouped by this prefix length, since one host usually owns a whole /64 and
    /// could otherwise step around the throttle by changing addresses. Default 64; 128 tracks
    /// single addresses.
    /// </summary>
    public int Ipv6PrefixLength { get; init; } = 64;
}
