namespace CallService.Sip.Messages;

/// <summary>One header field line: its full canonical name (e.g. "Call-ID", "CSeq") and its value.</summary>
public readonly record struct SipHeader(string Name, string Value);
