namespace CallService.Web.Desk;

/// <summary>
/// One change for the desk's event stream: the SSE event name ("call", "ring", "ended"), its data (an
/// object serialised as JSON), the line it concerns (for scoping) and the board's sequence number (the SSE id).
/// </summary>
public sealed record DeskEvent(string Name, object Data, string Line, long Sequence);
