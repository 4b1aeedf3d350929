using System.Text;

namespace CallService.Sip.Messages;

/// <summary>
/// Canonical spellings of known header names and their compact forms (RFC 3261 7.3.3 / 20, and the
/// extensions that define one: RFC 3265/6665 o,u; 3515 r; 3892 b; 3841 a,j,d; 4028 x; 4474/8224 y,n).
/// </summary>
public static class SipHeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string Contact = "Contact";
    public const string MaxForwards = "Max-Forwards";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string ContentEncoding = "Content-Encoding";
    public const string RecordRoute = "Record-Route";
    public const string Route = "Route";
    public const string Expires = "Expires";
    public const string Allow = "Allow";
    public const string Accept = "Accept";
    public const string AcceptEncoding = "Accept-Encoding";
    public const string Supported = "Supported";
    public const string Require = "Require";
    public const string ProxyRequire = "Proxy-Require";
    public const string Unsupported = "Unsupported";
    public const string Timestamp = "Timestamp";
    public const string Date = "Date";
    public const string Warning = "Warning";
    public const string UserAgent = "User-Agent";
    public const string Server = "Server";
    public const string Authorization = "Authorization";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string RetryAfter = "Retry-After";
    public const string MinExpires = "Min-Expires";
    public const string Event = "Event";
    public const string SubscriptionState = "Subscription-State";

    private static readonly (SipHeaderId Id, string Name, char Compact)[] Known =
    [
        (SipHeaderId.Accept, "Accept", '\0'),
        (SipHeaderId.AcceptContact, "Accept-Contact", 'a'),
        (SipHeaderId.AcceptEncoding, "Accept-Encoding", '\0'),
        (SipHeaderId.AcceptLanguage, "Accept-Language", '\0'),
        (SipHeaderId.AlertInfo, "Alert-Info", '\0'),
        (SipHeaderId.Allow, "Allow", '\0'),
        (SipHeaderId.AllowEvents, "Allow-Events", 'u'),
        (SipHeaderId.AuthenticationInfo, "Authentication-Info", '\0'),
        (SipHeaderId.Authorization, "Authorization", '\0'),
        (SipHeaderId.CallId, "Call-ID", 'i'),
        (SipHeaderId.CallInfo, "Call-Info", '\0'),
        (SipHeaderId.Contact, "Contact", 'm'),
        (SipHeaderId.ContentDisposition, "Content-Disposition", '\0'),
        (SipHeaderId.ContentEncoding, "Content-Encoding", 'e'),
        (SipHeaderId.ContentLanguage, "Content-Language", '\0'),
        (SipHeaderId.ContentLength, "Content-Length", 'l'),
        (SipHeaderId.ContentType, "Content-Type", 'c'),
        (SipHeaderId.CSeq, "CSeq", '\0'),
        (SipHeaderId.Date, "Date", '\0'),
        (SipHeaderId.ErrorInfo, "Error-Info", '\0'),
        (SipHeaderId.Event, "Event", 'o'),
        (SipHeaderId.Expires, "Expires", '\0'),
        (SipHeaderId.From, "From", 'f'),
        (SipHeaderId.Identity, "Identity", 'y'),
        (SipHeaderId.IdentityInfo, "Identity-Info", 'n'),
        (SipHeaderId.InReplyTo, "In-Reply-To", '\0'),
        (SipHeaderId.MaxForwards, "Max-Forwards", '\0'),
        (SipHeaderId.MimeVersion, "MIME-Version", '\0'),
        (SipHeaderId.MinExpires, "Min-Expires", '\0'),
        (SipHeaderId.MinSE, "Min-SE", '\0'),
        (SipHeaderId.Organization, "Organization", '\0'),
        (SipHeaderId.PAssertedIdentity, "P-Asserted-Identity", '\0'),
        (SipHeaderId.PPreferredIdentity, "P-Preferred-Identity", '\0'),
        (SipHeaderId.Path, "Path", '\0'),
        (SipHeaderId.Priority, "Priority", '\0'),
        (SipHeaderId.Privacy, "Privacy", '\0'),
        (SipHeaderId.ProxyAuthenticate, "Proxy-Authenticate", '\0'),
        (SipHeaderId.ProxyAuthorization, "Proxy-Authorization", '\0'),
        (SipHeaderId.ProxyRequire, "Proxy-Require", '\0'),
        (SipHeaderId.RAck, "RAck", '\0'),
        (SipHeaderId.Reason, "Reason", '\0'),
        (SipHeaderId.RecordRoute, "Record-Route", '\0'),
        (SipHeaderId.ReferTo, "Refer-To", 'r'),
        (SipHeaderId.ReferredBy, "Referred-By", 'b'),
        (SipHeaderId.RejectContact, "Reject-Contact", 'j'),
        (SipHeaderId.Replaces, "Replaces", '\0'),
        (SipHeaderId.ReplyTo, "Reply-To", '\0'),
        (SipHeaderId.RequestDisposition, "Request-Disposition", 'd'),
        (SipHeaderId.Require, "Require", '\0'),
        (SipHeaderId.RetryAfter, "Retry-After", '\0'),
        (SipHeaderId.Route, "Route", '\0'),
        (SipHeaderId.RSeq, "RSeq", '\0'),
        (SipHeaderId.Server, "Server", '\0'),
        (SipHeaderId.ServiceRoute, "Service-Route", '\0'),
        (SipHeaderId.SessionExpires, "Session-Expires", 'x'),
        (SipHeaderId.Subject, "Subject", 's'),
        (SipHeaderId.SubscriptionState, "Subscription-State", '\0'),
        (SipHeaderId.Supported, "Supported", 'k'),
        (SipHeaderId.Timestamp, "Timestamp", '\0'),
        (SipHeaderId.To, "To", 't'),
        (SipHeaderId.Unsupported, "Unsupported", '\0'),
        (SipHeaderId.UserAgent, "User-Agent", '\0'),
        (SipHeaderId.Via, "Via", 'v'),
        (SipHeaderId.Warning, "Warning", '\0'),
        (SipHeaderId.WwwAuthenticate, "WWW-Authenticate", '\0'),
    ];

    private static readonly string[] CanonicalById = BuildCanonical();
    private static readonly Dictionary<string, SipHeaderId>.AlternateLookup<ReadOnlySpan<char>> ByName = BuildLookup();
    private static readonly (byte[] Name, SipHeaderId Id)[][] ByLength = BuildByLength();

    private static string[] BuildCanonical()
    {
        var names = new string[Enum.GetValues<SipHeaderId>().Length];
        foreach (var (id, name, _) in Known) names[(int)id] = name;
        return names;
    }

    private static Dictionary<string, SipHeaderId>.AlternateLookup<ReadOnlySpan<char>> BuildLookup()
    {
        var d = new Dictionary<string, SipHeaderId>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, name, compact) in Known)
        {
            d[name] = id;
            if (compact != '\0') d[compact.ToString()] = id;
        }

        return d.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static (byte[] Name, SipHeaderId Id)[][] BuildByLength()
    {
        var buckets = new List<(byte[], SipHeaderId)>[33];
        foreach (var (id, name, compact) in Known)
        {
            (buckets[name.Length] ??= []).Add((Encoding.ASCII.GetBytes(name), id));
            if (compact != '\0') (buckets[1] ??= []).Add(([(byte)compact], id));
        }

        return buckets.Select(b => b?.ToArray() ?? []).ToArray();
    }

    /// <summary>The full canonical name for <paramref name="name"/> (a compact form, or any case), or the name itself when unknown.</summary>
    public static string Canonicalize(string name) => Lookup(name) is var id && id != SipHeaderId.Unknown ? CanonicalById[(int)id] : name;

    internal static string Canonical(SipHeaderId id) => CanonicalById[(int)id];

    internal static SipHeaderId Lookup(ReadOnlySpan<char> name) =>
        ByName.TryGetValue(name, out var id) ? id : SipHeaderId.Unknown;

    /// <summary>Resolves a raw header name (full or compact, any case) without allocating.</summary>
    internal static SipHeaderId Lookup(ReadOnlySpan<byte> name)
    {
        if ((uint)name.Length >= (uint)ByLength.Length) return SipHeaderId.Unknown;
        foreach (var (candidate, id) in ByLength[name.Length])
        {
            if (Ascii.EqualsIgnoreCase(name, candidate)) return id;
        }

        return SipHeaderId.Unknown;
    }

    /// <summary>ASCII case-insensitive comparison of a raw header name with <paramref name="name"/>.</summary>
    internal static bool EqualsIgnoreCase(ReadOnlySpan<byte> raw, string name) => Ascii.EqualsIgnoreCase(raw, name);
}
