using System.Text;

namespace CallService.Sip.Messages;

/// <summary>A SIP request (RFC 3261 7.1).</summary>
public sealed class SipRequest : SipMessage
{
    private readonly byte[]? _raw;
    private readonly int _uriStart;
    private readonly int _uriLength;
    private SipUri? _requestUri;

    public SipRequest(SipMethod method, SipUri uri)
        : this(method, SipMethods.ToToken(method), new SipHeaderCollection())
    {
        ArgumentNullException.ThrowIfNull(uri);
        _requestUri = uri;
    }

    /// <summary>A request with any method token (an unknown one keeps <see cref="SipMethod.Unknown"/>).</summary>
    public SipRequest(string method, SipUri uri)
        : this(SipMethods.Parse(method), ValidateToken(method), new SipHeaderCollection())
    {
        ArgumentNullException.ThrowIfNull(uri);
        _requestUri = uri;
    }

    /// <summary>A parsed request: the Request-URI stays raw octets until it is read.</summary>
    internal SipRequest(SipMethod method, string methodToken, byte[] raw, int uriStart, int uriLength, SipHeaderCollection headers)
        : this(method, methodToken, headers)
    {
        _raw = raw;
        _uriStart = uriStart;
        _uriLength = uriLength;
    }

    private SipRequest(SipMethod method, string methodToken, SipHeaderCollection headers)
        : base(headers)
    {
        Method = method;
        MethodToken = methodToken;
    }

    public SipMethod Method { get; }

    /// <summary>The method as written on the wire (case-sensitive, RFC 3261 7.1).</summary>
    public string MethodToken { get; }

    /// <summary>The Request-URI; on a parsed request it is built on first read (the parser validated it).</summary>
    public SipUri RequestUri
    {
        get => _requestUri ??= BuildRequestUri();
        set => _requestUri = value ?? throw new ArgumentNullException(nameof(value));
    }

    public override string ToString() => $"{MethodToken} {RequestUri} {SipVersion}";

    /// <summary>The Request-URI octets as received, while nobody has read or replaced it (the writer copies them).</summary>
    internal bool TryGetRawRequestUri(out ReadOnlySpan<byte> uri)
    {
        uri = _requestUri is null && _raw is not null ? _raw.AsSpan(_uriStart, _uriLength) : default;
        return _requestUri is null && _raw is not null;
    }

    private SipUri BuildRequestUri()
    {
        var text = Encoding.UTF8.GetString(_raw.AsSpan(_uriStart, _uriLength));

        // Only a partial request (SipParseResult.PartialRequest) can hold a Request-URI that does not parse.
        return SipUriParser.TryParse(text, out var uri) ? uri! : SipUri.CreateUnparsed(text);
    }

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
