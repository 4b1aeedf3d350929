using System.Diagnostics;

namespace CallService.LoadProbe;

/// <summary>Drives the caller: calls placed on an absolute schedule, timers ticked every 2 ms.</summary>
internal static class ScenarioRunner
{
    /// <summary>Places <paramref name="calls"/> calls at <paramref name="rate"/>/s; returns when the last is placed.</summary>
    public static List<ProbeCall> PlaceAll(ProbeUac uac, int calls, double rate, int firstIndex = 0)
    {
        var placed = new List<ProbeCall>(calls);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < calls; i++)
        {
            double due = i / rate;
            while (clock.Elapsed.TotalSeconds < due)
            {
                uac.Tick(Clock.NowNs());
                Thread.Sleep(1);
            }
            placed.Add(uac.Place(firstIndex + i));
        }
        return placed;
    }

    /// <summary>Ticks the timers until <paramref name="done"/> or the timeout; true when done.</summary>
    public static bool RunUntil(ProbeUac uac, Func<bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }
            uac.Tick(Clock.NowNs());
            Thread.Sleep(2);
        }
        return true;
    }

    public static bool AllIn(IEnumerable<ProbeCall> calls, params ProbeCallState[] states) => calls.All(c => states.Contains(c.State));
}
