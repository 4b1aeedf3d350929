namespace CallService.Agents;

/// <summary>The body of a 400 answer.</summary>
/// <param name="Error">What is wrong and what is expected.</param>
public sealed record AgentApiError(string Error);
