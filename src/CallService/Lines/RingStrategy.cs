namespace CallService.Lines;

/// <summary>How a line rings its agents ("排定次序": rotate sales staff fairly).</summary>
public enum RingStrategy
{
    /// <summary>"ring-all": every available agent of the desk rings at once; the first to answer takes the call.</summary>
    RingAll,

    /// <summary>"rotation": round robin over available agents, each rung for RotationRingsPerAgent rings.</summary>
    Rotation,
}

/// <summary>The configuration names of <see cref="RingStrategy"/>.</summary>
public static class RingStrategies
{
    /// <summary>The values the RingStrategy option accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ring-all", "rotation"];

    /// <summary>Parses "ring-all" or "rotation" (case and surrounding blanks ignored).</summary>
    public static bool TryParse(string? name, out RingStrategy strategy)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "ring-all":
                strategy = RingStrategy.RingAll;
                return true;
            case "rotation":
                strategy = RingStrategy.Rotation;
                return true;
            default:
                strategy = default;
                return false;
        }
    }

    /// <summary>The configuration name: "ring-all" or "rotation".</summary>
    public static string ToName(this RingStrategy strategy) => strategy switch
    {
        RingStrategy.RingAll => "ring-all",
        RingStrategy.Rotation => "rotation",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };
}
