using CallService.Lines;

namespace CallService.Web.Desk;

/// <summary>A line as the desk shows it: its name and script, and the figures its timers use.</summary>
public sealed record DeskLine(string Number, string DisplayName, string GreetingScript, string Desk, string Cadence, long RingPeriodMs, int LookupCallbackSeconds)
{
    public static DeskLine From(SalesLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new DeskLine(line.Number, line.DisplayName, line.GreetingScript, line.Desk.ToName(), line.Cadence.Name ?? "custom",
            (long)line.Cadence.Period.TotalMilliseconds, (int)line.LookupCallback.TotalSeconds);
    }
}
