namespace CallService.Sip.Messages;

/// <summary>A SIP response (RFC 3261 7.2).</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int code, string? reason = null)
    {
        StatusCode = code;
        ReasonPhrase = reason ?? DefaultReason(code);
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    /// <summary>The reason phrase RFC 3261 21 (and extensions) give a status code.</summary>
    public static string DefaultReason(int code) => throw new NotImplementedException();
}
