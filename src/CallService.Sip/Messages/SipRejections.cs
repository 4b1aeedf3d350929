namespace CallService.Sip.Messages;

/// <summary>
/// Maps parse rejections to the response the stack sends: 505 for a SIP version other than 2.0,
/// 513 for an oversized message, otherwise 400 with a reason phrase naming the problem (RFC 3261 21.4.1).
/// Responses that fail to parse are dropped, never answered (RFC 4475 3.1.2.5, 3.1.2.19).
/// </summary>
public static class SipRejections
{
    private const int MaxDetail = 100;

    public static (int Code, string Reason) ToResponse(SipParseError error, string? detail)
    {
        var d = Clean(detail);
        return error switch
        {
            SipParseError.BadVersion => (505, "Version Not Supported"),
            SipParseError.MessageTooLarge => (513, "Message Too Large"),
            SipParseError.Empty => (400, "Empty Message"),
            SipParseError.BadStartLine => (400, With("Malformed Start Line", d)),
            SipParseError.BadHeaderSyntax => (400, With("Malformed Header Field", d)),
            SipParseError.MissingRequiredHeader => (400, d is null ? "Missing Required Header Field" : $"Missing {d} Header Field"),
            SipParseError.BadRequestUri => (400, With("Malformed Request-URI", d)),
            SipParseError.BadCSeq => (400, "Malformed CSeq Header Field"),
            SipParseError.CSeqMethodMismatch => (400, With("CSeq Method Does Not Match Request-Line", d)),
            SipParseError.BadContentLength => (400, With("Malformed Content-Length", d)),
            SipParseError.BodyTooShort => (400, With("Body Shorter Than Content-Length", d)),
            SipParseError.BadVia => (400, "Malformed Via Header Field"),
            SipParseError.BadFromTo => (400, $"Malformed {d ?? "From/To"} Header Field"),
            SipParseError.BadCallId => (400, "Malformed Call-ID Header Field"),
            SipParseError.BadMaxForwards => (400, "Malformed Max-Forwards Header Field"),
            SipParseError.BadStatusCode => (400, "Malformed Status-Code"),
            SipParseError.DuplicateSingletonHeader => (400, $"Multiple {d ?? "Single-Valued"} Header Fields"),
            SipParseError.BadContact => (400, "Malformed Contact Header Field"),
            SipParseError.BadRoute => (400, $"Malformed {d ?? "Route"} Header Field"),
            SipParseError.MissingHeaderTerminator => (400, "Incomplete Header Section"),
            _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Not a rejection."),
        };
    }

    /// <summary>
    /// As <see cref="ToResponse(SipParseError, string?)"/>, using what was recovered of the request: an unknown
    /// method whose CSeq does not match is answered 501 (RFC 4475 3.1.2.18 prefers it to 400).
    /// </summary>
    public static (int Code, string Reason) ToResponse(in SipParseResult result)
    {
        if (result.Error == SipParseError.CSeqMethodMismatch && result.PartialRequest?.Method == SipMethod.Unknown)
        {
            return (501, "Not Implemented");
        }

        return ToResponse(result.Error, result.Detail);
    }

    /// <summary>
    /// The response to send for a rejected request (RFC 3261 8.2 / 18.3), built from its recovered
    /// header lines; null when there is nothing to answer (a response, or no request line).
    /// </summary>
    public static SipResponse? CreateResponse(in SipParseResult result)
    {
        if (result.Success || result.PartialRequest is not { } request || request.Method == SipMethod.Ack) return null;
        var (code, reason) = ToResponse(result);
        return SipResponseFactory.Create(request, code, reason);
    }

    private static string With(string text, string? detail) => detail is null ? text : $"{text} ({detail})";

    private static string? Clean(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail)) return null;
        Span<char> buffer = stackalloc char[Math.Min(detail.Length, MaxDetail)];
        for (var i = 0; i < buffer.Length; i++)
        {
            var c = detail[i];
            buffer[i] = char.IsControl(c) ? ' ' : c;
        }

        return new string(buffer);
    }
}
