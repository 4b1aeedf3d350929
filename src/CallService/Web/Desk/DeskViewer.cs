namespace CallService.Web.Desk;

/// <summary>The snapshot's "viewer": who the stream is for (null agent: a manager seeing every line).</summary>
public sealed record DeskViewer(string? AgentId, string? DisplayName, string? Presence);
