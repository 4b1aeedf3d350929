namespace CallService.Web.Desk;

/// <summary>The desk's notes on a call after validation: trimmed, empty fields as null.</summary>
/// <param name="Surname">1-20 characters, or null when not asked yet.</param>
/// <param name="Honorific">"先生", "女士", or null (none).</param>
/// <param name="Request">The caller's request ("口讯"), up to 2,000 characters, or null.</param>
public sealed record CallNotes(string? Surname, string? Honorific, string? Request);
