namespace CallService.Stats;

/// <summary>The demo's shifts: early 09:00-15:00, late 14:00-21:00 (an hour's overlap at lunch).</summary>
public enum DemoShift
{
    Early,
    Late,
}

internal static class DemoShiftHours
{
    public static bool Covers(this DemoShift shift, int hour) => shift switch
    {
        DemoShift.Early => hour is >= 9 and < 15,
        DemoShift.Late => hour is >= 14 and < 21,
        _ => false,
    };
}
