using System.Globalization;
using System.Runtime.InteropServices;

namespace CallService.LoadProbe;

/// <summary>CPU time and memory of the service's process from /proc (Linux).</summary>
internal sealed partial class ServerProcess(int pid)
{
    private static readonly long TicksPerSecond = SysConf(2); // _SC_CLK_TCK

    public int Pid { get; } = pid;

    /// <summary>utime + stime in seconds (/proc/PID/stat fields 14 and 15).</summary>
    public double CpuSeconds()
    {
        string stat = File.ReadAllText($"/proc/{Pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        long utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        long stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / (double)TicksPerSecond;
    }

    /// <summary>A line of /proc/PID/status in kB (VmRSS, VmHWM).</summary>
    public long StatusKb(string key)
    {
        foreach (string line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(key.Length + 1).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        return -1;
    }

    public static double SelfCpuSeconds() => Environment.CpuUsage.TotalTime.TotalSeconds;

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
