namespace CallService.LoadProbe;

/// <summary>Wall-clock nanoseconds on the same clock as the kernel's SO_TIMESTAMPNS (CLOCK_REALTIME).</summary>
internal static class Clock
{
    public static long NowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    public static double Ms(long ns) => ns / 1e6;
}
