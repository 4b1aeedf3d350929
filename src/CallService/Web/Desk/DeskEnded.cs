namespace CallService.Web.Desk;

/// <summary>The data of an "ended" event: the call left the desk (its record stays, and its notes can still be saved).</summary>
public sealed record DeskEnded(string CallId, string Line, DateTimeOffset At);
