namespace CallService.Web.Desk;

/// <summary>
/// Who is looking at the desk and which lines they may see: an agent sees only the calls of the lines
/// they answer (issue 6); a manager (no agent, <see cref="Lines"/> null) sees every line.
/// </summary>
/// <param name="AgentId">The agent signed in, or null for a manager.</param>
/// <param name="DisplayName">The name for the greeting script ("我是XXX").</param>
/// <param name="Lines">The line numbers visible; null: all lines.</param>
public sealed record DeskScope(string? AgentId, string? DisplayName, IReadOnlySet<string>? Lines)
{
    /// <summary>Every line, no agent (a manager, or a tool).</summary>
    public static DeskScope AllLines { get; } = new(null, null, null);

    /// <summary>An agent's scope: the lines they answer (compared ignoring case, like line numbers everywhere).</summary>
    public static DeskScope ForAgent(string agentId, string displayName, IEnumerable<string> lines) =>
        new(agentId, displayName, new HashSet<string>(lines, StringComparer.OrdinalIgnoreCase));

    /// <summary>Whether calls on <paramref name="line"/> are visible.</summary>
    public bool Sees(string line) => Lines is null || Lines.Contains(line);
}
