namespace CallService.Lines;

/// <summary>Where a sales line is answered; the front-desk handbook sets a different ring limit for each.</summary>
public enum LineDesk
{
    /// <summary>"front-desk": never more than 3 rings.</summary>
    FrontDesk,

    /// <summary>"bar": never more than 4 rings.</summary>
    Bar,

    /// <summary>"showroom": never more than 4 rings.</summary>
    Showroom,
}

/// <summary>The configuration names of <see cref="LineDesk"/> and the handbook's ring limits.</summary>
public static class LineDesks
{
    /// <summary>The values the Desk option accepts, as written in configuration.</summary>
    public static IReadOnlyList<string> Names { get; } = ["front-desk", "bar", "showroom"];

    /// <summary>Parses "front-desk", "bar" or "showroom" (case and surrounding blanks ignored).</summary>
    public static bool TryParse(string? name, out LineDesk desk)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "front-desk":
                desk = LineDesk.FrontDesk;
                return true;
            case "bar":
                desk = LineDesk.Bar;
                return true;
            case "showroom":
                desk = LineDesk.Showroom;
                return true;
            default:
                desk = default;
                return false;
        }
    }

    /// <summary>The configuration name: "front-desk", "bar" or "showroom".</summary>
    public static string ToName(this LineDesk desk) => desk switch
    {
        LineDesk.FrontDesk => "front-desk",
        LineDesk.Bar => "bar",
        LineDesk.Showroom => "showroom",
        _ => throw new ArgumentOutOfRangeException(nameof(desk), desk, null),
    };

    /// <summary>
    /// The handbook's hard maximum of rings before a call must be answered at this desk:
    /// 3 at the front desk, 4 at the bar and the showrooms.
    /// </summary>
    public static int HandbookMaxRings(this LineDesk desk) => desk switch
    {
        LineDesk.FrontDesk => 3,
        LineDesk.Bar or LineDesk.Showroom => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(desk), desk, null),
    };
}
