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
        // After "(comm) ", field 3 (state) comes first: utime is field 14, stime field 15.
        return ParseCpu(File.ReadAllText($"/proc/{Pid}/stat"));
    }

    /// <summary>utime + stime in seconds of the service's thread called <paramref name="name"/> (e.g. "rtp-pacer"), or NaN.</summary>
    public double ThreadCpuSeconds(string name)
    {
        foreach (string task in Directory.EnumerateDirectories($"/proc/{Pid}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).Trim() == name)
                {
                    return ParseCpu(File.ReadAllText(Path.Combine(task, "stat")));
                }
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }
        return double.NaN;
    }

    private static double ParseCpu(string stat)
    {
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / (double)TicksPerSecond;
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
