namespace CallService.Sip.Dialogs;

/// <summary>RFC 3261 12: Call-ID, local tag and remote tag identify a dialog.</summary>
public readonly record struct DialogId(string CallId, string LocalTag, string RemoteTag);
