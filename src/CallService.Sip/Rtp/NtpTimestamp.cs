namespace CallService.Sip.Rtp;

/// <summary>
/// The 64-bit NTP timestamp used by RTCP SRs (RFC 3550 4): seconds since 1900-01-01 UTC in the
/// high 32 bits, the fraction of a second in the low 32 bits.
/// </summary>
public static class NtpTimestamp
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Converts a wallclock instant (e.g. <c>TimeProvider.GetUtcNow()</c>) to NTP format.</summary>
    public static ulong FromDateTimeOffset(DateTimeOffset instant)
    {
        long ticks = (instant - Epoch).Ticks;
        ulong seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        ulong fraction = ((ulong)(ticks % TimeSpan.TicksPerSecond) << 32) / TimeSpan.TicksPerSecond;
        return ((seconds & 0xFFFFFFFF) << 32) | fraction;
    }

    /// <summary>Converts an NTP timestamp back to an instant in the era 1900-2036.</summary>
    public static DateTimeOffset ToDateTimeOffset(ulong ntp)
    {
        long seconds = (long)(ntp >> 32);
        // Round to the nearest tick so FromDateTimeOffset/ToDateTimeOffset round-trip exactly.
        long fractionTicks = (long)((((ntp & 0xFFFFFFFF) * TimeSpan.TicksPerSecond) + 0x80000000UL) >> 32);
        return Epoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + fractionTicks);
    }

    /// <summary>RFC 3550 6.4.1: LSR is the middle 32 bits of the SR's NTP timestamp.</summary>
    public static uint Middle32(ulong ntp) => (uint)(ntp >> 16);
}
