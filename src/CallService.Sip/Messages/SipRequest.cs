namespace CallService.Sip.Messages;

/// <summary>A SIP request (RFC 3261 7.1).</summary>
public sealed class SipRequest : SipMessage
{
    public SipRequest(SipMethod method, SipUri uri)
        : this(method, SipMethods.ToToken(method), uri, new SipHeaderCollection())
    {
    }

    /// <summary>A request with any method token (an unknown one keeps <see cref="SipMethod.Unknown"/>).</summary>
    public SipRequest(string method, SipUri uri)
        : this(SipMethods.Parse(method), ValidateToken(method), uri, new SipHeaderCollection())
    {
    }

    internal SipRequest(SipMethod method, string methodToken, SipUri uri, SipHeaderCollection headers)
        : base(headers)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Method = method;
        MethodToken = methodToken;
        RequestUri = uri;
    }

    public SipMethod Method { get; }

    /// <summary>The method as written on the wire (case-sensitive, RFC 3261 7.1).</summary>
    public string MethodToken { get; }

    public SipUri RequestUri { get; set; }

    public override string ToString() => $"{MethodToken} {RequestUri} {SipVersion}";

    private static string ValidateToken(string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Length == 0 || SipGrammar.ScanToken(method, 0) != method.Length)
        {
            throw new ArgumentException($"'{method}' is not a method token (RFC 3261 25.1).", nameof(method));
        }

        return method;
    }
}
