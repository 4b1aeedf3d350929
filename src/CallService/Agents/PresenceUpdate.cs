namespace CallService.Agents;

/// <summary>The body of PUT /api/agents/{id}/presence.</summary>
/// <param name="State">"away" or "available".</param>
public sealed record PresenceUpdate(string? State);
