namespace CallService.Sip.Transactions;

/// <summary>
/// The RFC 3261 timer base values (section 17.1.1.1 and table 4). Tests and deployments on fast
/// networks may shorten them; every transaction timer is derived from these three.
/// </summary>
public sealed record SipTimerOptions
{
    /// <summary>T1: RTT estimate, 500 ms by default.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>T2: the maximum retransmit interval for non-INVITE requests and INVITE responses, 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>T4: the maximum duration a message remains in the network, 5 s.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>64*T1: Timers B, F, H, J, L and M.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    public static SipTimerOptions Default { get; } = new();
}
