using System.Buffers;
using System.Text;

namespace CallService.Sip.Messages;

/// <summary>
/// An immutable SIP or SIPS URI (RFC 3261 19.1). Other absolute URIs (tel:, mailto:, ...) are kept opaque:
/// only <see cref="Scheme"/> is known and <see cref="ToString"/> returns the text as received.
/// User, password, parameter and header values are held unescaped; <see cref="ToString"/> re-escapes them.
/// </summary>
public sealed class SipUri : IEquatable<SipUri>
{
    private static readonly SearchValues<char> UserChar = SipCharacters.UserValues;
    private static readonly SearchValues<char> PasswordChar = SipCharacters.PasswordValues;
    private static readonly SearchValues<char> ParamChar = SipCharacters.ParamValues;
    private static readonly SearchValues<char> HeaderChar = SipCharacters.HeaderValues;

    /// <summary>The Contact wildcard "*" (RFC 3261 10.2.2) has no URI; this stands in for it.</summary>
    internal static readonly SipUri Wildcard = new("*", "") { _text = "*" };

    private readonly string? _opaque;
    private string? _text;

    internal SipUri(string scheme, string? user, string? password, string host, int? port,
        KeyValuePair<string, string?>[] parameters, KeyValuePair<string, string?>[] headers)
    {
        Scheme = scheme;
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Parameters = parameters;
        Headers = headers;
    }

    private SipUri(string scheme, string opaque)
    {
        Scheme = scheme;
        _opaque = opaque;
        Host = "";
        Parameters = SipParameters.Empty;
        Headers = SipParameters.Empty;
    }

    /// <summary>Builds a sip: (or sips:) URI. <paramref name="host"/> is a name, IPv4 address or "[IPv6]".</summary>
    public SipUri(string scheme, string? user, string host, int? port = null)
    {
        Scheme = scheme.ToLowerInvariant();
        if (Scheme is not ("sip" or "sips")) throw new ArgumentException("Only sip and sips URIs can be built; parse other schemes.", nameof(scheme));
        ValidateHost(host, port);
        User = user;
        Host = host;
        Port = port;
        Parameters = SipParameters.Empty;
        Headers = SipParameters.Empty;
    }

    internal static SipUri CreateOpaque(string scheme, string opaque) => new(scheme, opaque);

    /// <summary>Stands in for a Request-URI the parser could not read (only on a partial request).</summary>
    internal static SipUri CreateUnparsed(string text) => new("", text) { _text = text };

    /// <summary>"sip" or "sips" (lower-cased); for an opaque URI the scheme as received.</summary>
    public string Scheme { get; }

    public string? User { get; }

    public string? Password { get; }

    /// <summary>Host name or IP address; an IPv6 reference keeps its brackets ("[::1]"). Empty for opaque URIs.</summary>
    public string Host { get; }

    public int? Port { get; }

    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; }

    public IReadOnlyList<KeyValuePair<string, string?>> Headers { get; }

    /// <summary>The transport parameter (RFC 3261 19.1.1), as written.</summary>
    public string? Transport => GetParameter("transport");

    public bool IsSips => Scheme == "sips";

    public bool IsSipOrSips => _opaque is null;

    /// <summary>For an opaque URI, the part after "scheme:"; null for sip/sips.</summary>
    public string? OpaquePart => _opaque;

    public string? GetParameter(string name) => SipParameters.Get(Parameters, name);

    public bool HasParameter(string name) => SipParameters.IndexOf(Parameters, name) >= 0;

    public string? GetHeader(string name) => SipParameters.Get(Headers, name);

    public static bool TryParse(ReadOnlySpan<char> text, out SipUri? uri) => SipUriParser.TryParse(text, out uri);

    /// <summary>Parses a URI from trusted configuration or code; throws <see cref="FormatException"/> when malformed.</summary>
    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri! : throw new FormatException($"'{text}' is not a valid URI (RFC 3261 19.1).");

    public SipUri WithUser(string? user)
    {
        RequireSip();
        return new SipUri(Scheme, user, user is null ? null : Password, Host, Port, [.. Parameters], [.. Headers]);
    }

    public SipUri WithHost(string host, int? port)
    {
        RequireSip();
        ValidateHost(host, port);
        return new SipUri(Scheme, User, Password, host, port, [.. Parameters], [.. Headers]);
    }

    public SipUri WithParameter(string name, string? value)
    {
        RequireSip();
        if (name.Length == 0) throw new ArgumentException("A parameter needs a name.", nameof(name));
        return new SipUri(Scheme, User, Password, Host, Port, SipParameters.With(Parameters, name, value), [.. Headers]);
    }

    public SipUri WithoutParameter(string name)
    {
        RequireSip();
        return new SipUri(Scheme, User, Password, Host, Port, SipParameters.Without(Parameters, name), [.. Headers]);
    }

    /// <summary>A copy without the headers component (e.g. before using a Contact URI as a Request-URI, RFC 3261 19.1.5).</summary>
    public SipUri WithoutHeaders()
    {
        RequireSip();
        return Headers.Count == 0 ? this : new SipUri(Scheme, User, Password, Host, Port, [.. Parameters], SipParameters.Empty);
    }

    /// <summary>
    /// URI equality per RFC 3261 19.1.4: scheme, userinfo (case-sensitive, after unescaping), host and port
    /// must match; parameters present in both must match; user/ttl/method/maddr present in only one never
    /// match; other parameters in only one are ignored; headers must match exactly.
    /// </summary>
    public bool UriEquals(SipUri? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (_opaque is not null || other._opaque is not null)
        {
            return _opaque is not null && other._opaque is not null
                && string.Equals(Scheme, other.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(_opaque, other._opaque, StringComparison.Ordinal);
        }

        if (Scheme != other.Scheme
            || !string.Equals(User, other.User, StringComparison.Ordinal)
            || !string.Equals(Password, other.Password, StringComparison.Ordinal)
            || !string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
            || Port != other.Port)
        {
            return false;
        }

        return ParametersMatch(this, other) && ParametersMatch(other, this) && HeadersMatch(this, other) && HeadersMatch(other, this);
    }

    private static bool ParametersMatch(SipUri a, SipUri b)
    {
        foreach (var p in a.Parameters)
        {
            var i = SipParameters.IndexOf(b.Parameters, p.Key);
            if (i < 0)
            {
                if (p.Key.Equals("user", StringComparison.OrdinalIgnoreCase)
                    || p.Key.Equals("ttl", StringComparison.OrdinalIgnoreCase)
                    || p.Key.Equals("method", StringComparison.OrdinalIgnoreCase)
                    || p.Key.Equals("maddr", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                continue;
            }

            if (!string.Equals(p.Value, b.Parameters[i].Value, StringComparison.OrdinalIgnoreCase)) return false;
        }

        return true;
    }

    private static bool HeadersMatch(SipUri a, SipUri b)
    {
        foreach (var h in a.Headers)
        {
            var i = SipParameters.IndexOf(b.Headers, h.Key);
            if (i < 0 || !string.Equals(h.Value, b.Headers[i].Value, StringComparison.OrdinalIgnoreCase)) return false;
        }

        return true;
    }

    public bool Equals(SipUri? other) => UriEquals(other);

    public override bool Equals(object? obj) => obj is SipUri other && UriEquals(other);

    public override int GetHashCode()
    {
        if (_opaque is not null) return HashCode.Combine(Scheme.ToLowerInvariant(), _opaque);
        return HashCode.Combine(Scheme, User, string.GetHashCode(Host, StringComparison.OrdinalIgnoreCase), Port);
    }

    /// <summary>The canonical text: components re-escaped where the grammar requires it.</summary>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        if (_opaque is not null) return Scheme + ":" + _opaque;
        var sb = new StringBuilder(64);
        sb.Append(Scheme).Append(':');
        if (User is not null)
        {
            SipEscaping.Append(sb, User, UserChar);
            if (Password is not null)
            {
                sb.Append(':');
                SipEscaping.Append(sb, Password, PasswordChar);
            }

            sb.Append('@');
        }

        sb.Append(Host);
        if (Port is { } port) sb.Append(':').Append(port);
        foreach (var p in Parameters)
        {
            sb.Append(';');
            SipEscaping.Append(sb, p.Key, ParamChar);
            if (p.Value is not null)
            {
                sb.Append('=');
                SipEscaping.Append(sb, p.Value, ParamChar);
            }
        }

        for (var i = 0; i < Headers.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&');
            SipEscaping.Append(sb, Headers[i].Key, HeaderChar);
            sb.Append('=');
            SipEscaping.Append(sb, Headers[i].Value ?? "", HeaderChar);
        }

        return sb.ToString();
    }

    private void RequireSip()
    {
        if (_opaque is not null) throw new InvalidOperationException($"A {Scheme}: URI is opaque; only sip/sips URIs can be changed.");
    }

    private static void ValidateHost(string host, int? port)
    {
        if (SipGrammar.ScanHost(host, 0) != host.Length) throw new ArgumentException($"'{host}' is not a valid host.", nameof(host));
        if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "A port is 0-65535.");
    }
}
