namespace CallService.Lines;

/// <summary>All sales lines, bound from the configuration section "Lines" (an array of <see cref="LineOptions"/>).</summary>
public sealed class LinesOptions
{
    /// <summary>The configuration section: "Lines".</summary>
    public const string SectionName = "Lines";

    /// <summary>The lines in configuration order.</summary>
    public List<LineOptions> Lines { get; } = [];

    /// <summary>
    /// The configuration path of each line ("Lines:0", "Lines:1" ...), filled by
    /// <see cref="LinesServiceCollectionExtensions.AddSalesLines"/> so that messages name the real key
    /// even when an override leaves a gap in the indices. Lines added in code may leave it empty.
    /// </summary>
    public List<string> Paths { get; } = [];

    /// <summary>The configuration path of line <paramref name="index"/>: its bound path, else "Lines:{index}".</summary>
    public string PathOf(int index) =>
        index < Paths.Count && !string.IsNullOrEmpty(Paths[index]) ? Paths[index] : $"{SectionName}:{index}";
}
