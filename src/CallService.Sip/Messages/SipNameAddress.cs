using System.Text;

namespace CallService.Sip.Messages;

/// <summary>
/// A name-addr or addr-spec with header parameters (RFC 3261 20.10/20.20/20.39, 25.1): the value of
/// From, To, Contact, Route and Record-Route. Immutable.
/// </summary>
public sealed class SipNameAddress
{
    private string? _text;

    public SipNameAddress(SipUri uri, string? displayName = null, IReadOnlyList<KeyValuePair<string, string?>>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri = uri;
        DisplayName = displayName;
        if (parameters is not null)
        {
            foreach (var p in parameters) SipParameters.Validate(p.Key, p.Value);
        }

        Parameters = parameters is null ? SipParameters.Empty : [.. parameters];
    }

    internal SipNameAddress(SipUri uri, string? displayName, KeyValuePair<string, string?>[] parameters, bool isWildcard)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters;
        IsWildcard = isWildcard;
    }

    /// <summary>The Contact "*" of a REGISTER that removes all bindings (RFC 3261 10.2.2).</summary>
    public static SipNameAddress Wildcard { get; } = new(SipUri.Wildcard, null, SipParameters.Empty, isWildcard: true);

    /// <summary>The display name, unquoted and unescaped; null when absent.</summary>
    public string? DisplayName { get; }

    public SipUri Uri { get; }

    /// <summary>Header parameters (after the URI), e.g. tag, expires, q. Quoted values keep their quotes.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; }

    public string? Tag => GetParameter("tag");

    /// <summary>The Contact wildcard "*" (RFC 3261 10.2.2).</summary>
    public bool IsWildcard { get; }

    public string? GetParameter(string name) => SipParameters.Get(Parameters, name);

    public bool HasParameter(string name) => SipParameters.IndexOf(Parameters, name) >= 0;

    public SipNameAddress WithTag(string tag) => WithParameter("tag", tag);

    public SipNameAddress WithParameter(string name, string? value)
    {
        SipParameters.Validate(name, value);
        return new SipNameAddress(Uri, DisplayName, SipParameters.With(Parameters, name, value), IsWildcard);
    }

    public SipNameAddress WithoutParameter(string name) =>
        new(Uri, DisplayName, SipParameters.Without(Parameters, name), IsWildcard);

    public static bool TryParse(ReadOnlySpan<char> text, out SipNameAddress? address) =>
        SipNameAddressParser.TryParseSingle(text, out address);

    /// <summary>
    /// Parses a comma list; commas inside quotes and angle brackets are respected. On failure nothing is
    /// added to <paramref name="into"/>.
    /// </summary>
    public static bool TryParseList(ReadOnlySpan<char> text, List<SipNameAddress> into) =>
        SipNameAddressParser.TryParseList(text, into);

    /// <summary>Parses trusted text; throws <see cref="FormatException"/> when malformed.</summary>
    public static SipNameAddress Parse(string text) =>
        TryParse(text, out var a) ? a! : throw new FormatException($"'{text}' is not a valid name-addr/addr-spec.");

    /// <summary>Name-addr form: <c>"Name" &lt;sip:..&gt;;tag=x</c> (always bracketed, so URI parameters stay URI parameters).</summary>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        if (IsWildcard) return "*";
        var sb = new StringBuilder(64);
        if (DisplayName is not null)
        {
            SipGrammar.AppendQuoted(sb, DisplayName);
            sb.Append(' ');
        }

        sb.Append('<').Append(Uri.ToString()).Append('>');
        SipParameters.Append(sb, Parameters);
        return sb.ToString();
    }
}
