using System.Text;

namespace CallService.Sip.Messages;

/// <summary>One Via header value (RFC 3261 20.42, 18.2.1; rport RFC 3581). Immutable.</summary>
public sealed class SipVia
{
    /// <summary>RFC 3261 8.1.1.7: branches of RFC 3261 transactions start with this cookie.</summary>
    public const string MagicCookie = "z9hG4bK";

    private string? _text;

    /// <summary>Builds a Via value, e.g. <c>new SipVia("UDP", "192.0.2.1", 5060, "z9hG4bK" + id)</c>.</summary>
    public SipVia(string transport, string host, int? port, string? branch = null, IReadOnlyList<KeyValuePair<string, string?>>? parameters = null)
    {
        if (transport.Length == 0 || SipGrammar.ScanToken(transport, 0) != transport.Length)
        {
            throw new ArgumentException($"'{transport}' is not a transport token.", nameof(transport));
        }

        if (SipGrammar.ScanHost(host, 0) != host.Length) throw new ArgumentException($"'{host}' is not a valid host.", nameof(host));
        if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "A port is 0-65535.");
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        var list = parameters is null ? SipParameters.Empty : [.. parameters];
        foreach (var p in list) SipParameters.Validate(p.Key, p.Value);
        if (branch is not null)
        {
            SipParameters.Validate("branch", branch);
            list = SipParameters.With(list, "branch", branch);
        }

        Parameters = list;
    }

    internal SipVia(string transport, string host, int? port, KeyValuePair<string, string?>[] parameters)
    {
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    /// <summary>Upper-case transport token: "UDP", "TCP", "TLS", "SCTP", "WS", ... (unknown tokens kept).</summary>
    public string Transport { get; }

    /// <summary>The sent-by host; an IPv6 reference keeps its brackets.</summary>
    public string Host { get; }

    public int? Port { get; }

    public string? Branch => GetParameter("branch");

    /// <summary>True when the branch carries the RFC 3261 magic cookie (otherwise RFC 2543 matching applies, 17.2.3).</summary>
    public bool HasRfc3261Branch => Branch is { } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    public string? Received => GetParameter("received");

    /// <summary>RFC 3581: the rport parameter is present (with or without a value).</summary>
    public bool HasRport => SipParameters.IndexOf(Parameters, "rport") >= 0;

    /// <summary>RFC 3581: the rport value filled in by the server; null when absent or empty.</summary>
    public int? Rport => GetParameter("rport") is { } v && SipGrammar.TryParsePort(v, out var port) ? port : null;

    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; }

    public string? GetParameter(string name) => SipParameters.Get(Parameters, name);

    public SipVia WithReceived(string received) => WithParameter("received", received);

    public SipVia WithRport(int rport)
    {
        if (rport is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(rport), rport, "A port is 0-65535.");
        return WithParameter("rport", rport.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public SipVia WithParameter(string name, string? value)
    {
        SipParameters.Validate(name, value);
        return new SipVia(Transport, Host, Port, SipParameters.With(Parameters, name, value));
    }

    /// <summary>Parses one via-parm (no commas).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipVia? via)
    {
        var i = 0;
        if (SipViaParser.TryParseAt(text, ref i, out via) && SipGrammar.SkipWhitespace(text, i) == text.Length) return true;
        via = null;
        return false;
    }

    /// <summary>Parses a comma list of via-parms; on failure nothing is added.</summary>
    public static bool TryParseList(ReadOnlySpan<char> text, List<SipVia> into) => SipViaParser.TryParseList(text, into);

    /// <summary>"SIP/2.0/UDP host:port;branch=..."</summary>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var sb = new StringBuilder(64);
        sb.Append("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is { } port) sb.Append(':').Append(port);
        SipParameters.Append(sb, Parameters);
        return sb.ToString();
    }
}
