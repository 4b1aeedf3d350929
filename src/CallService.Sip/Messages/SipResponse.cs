namespace CallService.Sip.Messages;

/// <summary>A SIP response (RFC 3261 7.2).</summary>
public sealed class SipResponse : SipMessage
{
    /// <summary>Creates a response; <paramref name="reason"/> defaults to the phrase RFC 3261 21 gives the code.</summary>
    public SipResponse(int code, string? reason = null)
        : this(code, reason ?? DefaultReason(code), new SipHeaderCollection())
    {
    }

    internal SipResponse(int code, string reason, SipHeaderCollection headers)
        : base(headers)
    {
        if (code is < 100 or > 699) throw new ArgumentOutOfRangeException(nameof(code), code, "A status code is 100-699 (RFC 3261 7.2).");
        if (reason.AsSpan().IndexOfAny('\r', '\n') >= 0) throw new ArgumentException("A reason phrase cannot contain CR or LF.", nameof(reason));
        StatusCode = code;
        ReasonPhrase = reason;
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    /// <summary>1xx.</summary>
    public bool IsProvisional => StatusCode < 200;

    /// <summary>2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The reason phrase RFC 3261 21 (and extensions) give a status code.</summary>
    public static string DefaultReason(int code) => SipReasonPhrases.Get(code);

    public override string ToString() => $"{SipVersion} {StatusCode} {ReasonPhrase}";
}
