namespace CallService.Sip.Messages;

/// <summary>One Via header value (RFC 3261 20.42, 18.2.1; rport RFC 3581). Immutable.</summary>
public sealed class SipVia
{
    /// <summary>RFC 3261 8.1.1.7: branches of RFC 3261 transactions start with this cookie.</summary>
    public const string MagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port, string? branch = null, IReadOnlyList<KeyValuePair<string, string?>>? parameters = null)
    {
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters = parameters ?? [];
        _ = branch;
    }

    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public string? Branch => GetParameter("branch");

    public string? Received => GetParameter("received");

    public bool HasRport => throw new NotImplementedException();

    public int? Rport => throw new NotImplementedException();

    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; }

    public string? GetParameter(string name) => throw new NotImplementedException();

    public SipVia WithReceived(string received) => throw new NotImplementedException();

    public SipVia WithRport(int rport) => throw new NotImplementedException();

    public SipVia WithParameter(string name, string? value) => throw new NotImplementedException();

    public static bool TryParseList(ReadOnlySpan<char> text, List<SipVia> into) => throw new NotImplementedException();

    public override string ToString() => throw new NotImplementedException();
}
