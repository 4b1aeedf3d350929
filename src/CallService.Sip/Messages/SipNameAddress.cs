namespace CallService.Sip.Messages;

/// <summary>
/// A name-addr or addr-spec with header parameters (RFC 3261 20.10/20.20/20.39, 25.1): the value of
/// From, To, Contact, Route and Record-Route. Immutable.
/// </summary>
public sealed class SipNameAddress
{
    public SipNameAddress(SipUri uri, string? displayName = null, IReadOnlyList<KeyValuePair<string, string?>>? parameters = null)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? [];
    }

    /// <summary>The display name, unquoted and unescaped; null when absent.</summary>
    public string? DisplayName { get; }

    public SipUri Uri { get; }

    /// <summary>Header parameters (after the URI), e.g. tag, expires, q.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; }

    public string? Tag => GetParameter("tag");

    /// <summary>The Contact wildcard "*" (RFC 3261 10.2.2).</summary>
    public bool IsWildcard { get; }

    public string? GetParameter(string name) => throw new NotImplementedException();

    public SipNameAddress WithTag(string tag) => throw new NotImplementedException();

    public SipNameAddress WithParameter(string name, string? value) => throw new NotImplementedException();

    public static bool TryParse(ReadOnlySpan<char> text, out SipNameAddress? address) => throw new NotImplementedException();

    /// <summary>Parses a comma list; commas inside quotes and angle brackets are respected.</summary>
    public static bool TryParseList(ReadOnlySpan<char> text, List<SipNameAddress> into) => throw new NotImplementedException();

    public override string ToString() => throw new NotImplementedException();
}
