namespace CallService.Web.Desk;

/// <summary>The answer of PUT /api/calls/{callId}/notes: the notes as stored (trimmed; empty fields null).</summary>
public sealed record SavedNotes(string CallId, long RecordId, string? Surname, string? Honorific, string? Request);
