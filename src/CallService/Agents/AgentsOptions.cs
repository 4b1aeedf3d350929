namespace CallService.Agents;

/// <summary>All agents, bound from the configuration section "Agents" (an array of <see cref="AgentOptions"/>).</summary>
public sealed class AgentsOptions
{
    /// <summary>The configuration section: "Agents".</summary>
    public const string SectionName = "Agents";

    /// <summary>The agents in configuration order.</summary>
    public List<AgentOptions> Agents { get; } = [];

    /// <summary>The configuration path of each agent ("Agents:0" ...), so that messages name the real key.</summary>
    public List<string> Paths { get; } = [];

    /// <summary>Keys the binder cannot place (unknown settings such as a plain "Password"), one line each.</summary>
    internal List<string> BindingFailures { get; } = [];

    /// <summary>The configuration path of agent <paramref name="index"/>: its bound path, else "Agents:{index}".</summary>
    public string PathOf(int index) =>
        index < Paths.Count && !string.IsNullOrEmpty(Paths[index]) ? Paths[index] : $"{SectionName}:{index}";
}
