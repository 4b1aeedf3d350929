namespace CallService.Web.Desk;

/// <summary>The data of a "ring" event: ring <paramref name="Ring"/> of a ringing call began at <paramref name="At"/>.</summary>
public sealed record DeskRing(string CallId, int Ring, DateTimeOffset At);
