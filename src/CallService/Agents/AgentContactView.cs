namespace CallService.Agents;

/// <summary>One registered contact of an agent.</summary>
/// <param name="Uri">The contact URI.</param>
/// <param name="Source">Where its REGISTER came from (transport:address:port).</param>
/// <param name="Reachable">False while it does not answer OPTIONS.</param>
/// <param name="ExpiresInSeconds">Seconds until the binding lapses.</param>
/// <param name="UserAgent">The softphone's User-Agent, or null.</param>
public sealed record AgentContactView(string Uri, string Source, bool Reachable, int ExpiresInSeconds, string? UserAgent);
