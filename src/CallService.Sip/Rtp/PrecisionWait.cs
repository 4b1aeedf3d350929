using System.Runtime.InteropServices;

namespace CallService.Sip.Rtp;

/// <summary>
/// Waits until an absolute monotonic deadline with sub-millisecond precision and little CPU:
/// sleep until <c>spinWindow</c> before the deadline, then yield-spin the rest. Thread.Sleep only
/// has millisecond granularity (it would leave up to 1 ms to spin), so where libc's nanosleep is
/// available (Linux, macOS) the coarse part sleeps with microsecond resolution.
/// </summary>
internal static partial class PrecisionWait
{
    // The Timespec below is two 64-bit fields: right for LP64 Linux, macOS and FreeBSD.
    private static bool s_nanosleepUsable = Environment.Is64BitProcess
        && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD());

    public static void WaitUntil(TimeProvider clock, long deadline, long spinWindowTicks, bool spin, CancellationToken cancellationToken)
    {
        long frequency = clock.TimestampFrequency;
        while (!cancellationToken.IsCancellationRequested)
        {
            long remaining = deadline - clock.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            long sleepTicks = spin ? remaining - spinWindowTicks : remaining;
            if (sleepTicks > 0)
            {
                Sleep(sleepTicks * 1_000_000 / frequency);
                continue;
            }

            Thread.Yield();
        }
    }

    private static void Sleep(long microseconds)
    {
        if (microseconds <= 0)
        {
            return;
        }

        if (s_nanosleepUsable)
        {
            try
            {
                var request = new Timespec { Seconds = microseconds / 1_000_000, Nanoseconds = microseconds % 1_000_000 * 1000 };
                NativeMethods.nanosleep(ref request, IntPtr.Zero); // EINTR just returns early; the caller re-checks
                return;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                s_nanosleepUsable = false;
            }
        }

        // Millisecond sleep; below 1 ms yield instead (the caller loops until the deadline).
        if (microseconds >= 1000)
        {
            Thread.Sleep((int)Math.Min(microseconds / 1000, int.MaxValue));
        }
        else
        {
            Thread.Yield();
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "nanosleep")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int nanosleep(ref Timespec request, IntPtr remaining);
    }
}
