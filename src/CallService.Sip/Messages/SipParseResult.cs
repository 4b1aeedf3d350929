namespace CallService.Sip.Messages;

/// <summary>What <see cref="SipParser.Parse"/> returns: a message, or a typed rejection.</summary>
public readonly struct SipParseResult
{
    private SipParseResult(SipMessage? message, SipParseError error, string? detail, SipRequest? partialRequest)
    {
        Message = message;
        Error = error;
        Detail = detail;
        PartialRequest = partialRequest;
    }

    public bool Success => Error == SipParseError.None && Message is not null;

    public SipMessage? Message { get; }

    public SipParseError Error { get; }

    /// <summary>Human-readable detail of the rejection (names the header or field at fault).</summary>
    public string? Detail { get; }

    /// <summary>
    /// Best-effort fields recovered from a broken request, so the stack can still answer it
    /// (RFC 3261 8.2 / 18.3): holds whatever header lines could be split, plus the method and URI if sane.
    /// Null for responses and when nothing usable was recovered.
    /// </summary>
    public SipRequest? PartialRequest { get; }

    /// <summary>The parsed request, or null when it was a response or the parse failed.</summary>
    public SipRequest? Request => Message as SipRequest;

    /// <summary>The parsed response, or null when it was a request or the parse failed.</summary>
    public SipResponse? Response => Message as SipResponse;

    internal static SipParseResult Ok(SipMessage message) => new(message, SipParseError.None, null, null);

    internal static SipParseResult Fail(SipParseError error, string? detail, SipRequest? partialRequest = null) =>
        new(null, error, detail, partialRequest);

    public override string ToString() => Success ? $"Ok {Message}" : $"{Error}: {Detail}";
}
