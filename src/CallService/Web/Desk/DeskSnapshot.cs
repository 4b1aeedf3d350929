namespace CallService.Web.Desk;

/// <summary>The "snapshot" event's data, sent first on every (re)connection: everything the page shows.</summary>
/// <param name="ServerTime">The server's clock when the snapshot was taken (the page animates from it).</param>
/// <param name="Language">The desk's configured language: "zh-CN" or "en", for this browser (Web:Language, "auto" by Accept-Language).</param>
/// <param name="Viewer">Who is looking.</param>
/// <param name="Lines">The lines the viewer may see.</param>
/// <param name="Calls">Their calls in progress, oldest first.</param>
public sealed record DeskSnapshot(DateTimeOffset ServerTime, string Language, DeskViewer Viewer, IReadOnlyList<DeskLine> Lines, IReadOnlyList<DeskCall> Calls);
