using System.Runtime.InteropServices;

namespace CallService.Sip.Rtp;

/// <summary>Raises the calling thread's scheduling class (best effort).</summary>
internal static class ThreadScheduling
{
    private const int SchedRoundRobin = 2; // SCHED_RR in <sched.h>

    /// <summary>
    /// Makes the calling thread real-time round-robin at <paramref name="priority"/> (1-99) on
    /// Linux, or gives it the highest managed priority elsewhere. Returns false (and a reason)
    /// when the system refused.
    /// </summary>
    public static bool TryMakeCurrentThreadRealtime(int priority, out string detail)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // On Linux, pid 0 means the calling thread.
                var parameters = new SchedParam { Priority = priority };
                if (NativeMethods.sched_setscheduler(0, SchedRoundRobin, ref parameters) == 0)
                {
                    detail = $"SCHED_RR priority {priority}";
                    return true;
                }

                int errno = Marshal.GetLastPInvokeError();
                detail = $"sched_setscheduler(SCHED_RR) failed with errno {errno} (EPERM = 1: grant CAP_SYS_NICE or an rtprio limit)";
                return false;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                detail = "sched_setscheduler is not available";
                return false;
            }
        }

        try
        {
            Thread.CurrentThread.Priority = ThreadPriority.Highest;
            detail = "ThreadPriority.Highest";
            return true;
        }
        catch (Exception ex) when (ex is ThreadStateException or PlatformNotSupportedException)
        {
            detail = ex.Message;
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int sched_setscheduler(int pid, int policy, ref SchedParam parameters);
    }
}
