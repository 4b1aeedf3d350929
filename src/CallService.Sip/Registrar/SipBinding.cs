using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Registrar;

/// <summary>
/// One binding of an address-of-record to a contact address (RFC 3261 10), with what step 7 of
/// 10.3 compares (Call-ID, CSeq), when it expires, and the flow it was registered over, so that a
/// phone behind NAT is reached where its REGISTER came from. Immutable; the store replaces it.
/// </summary>
public sealed record SipBinding
{
    /// <summary>Assigned by the store when the binding is added; kept across refreshes.</summary>
    public long Id { get; init; }

    /// <summary>The canonical address-of-record, e.g. "sip:8001@callservice".</summary>
    public required string AddressOfRecord { get; init; }

    /// <summary>The Contact as registered, without its expires parameter (other parameters such as q or +sip.instance kept).</summary>
    public required SipNameAddress Contact { get; init; }

    /// <summary>The Call-ID of the REGISTER that created or last refreshed the binding (RFC 3261 10.3 step 7).</summary>
    public required string CallId { get; init; }

    /// <summary>The CSeq number of that REGISTER (RFC 3261 10.3 step 7).</summary>
    public required uint CSeq { get; init; }

    /// <summary>When the binding lapses unless refreshed.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the contact was first bound (a refresh keeps it).</summary>
    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>
    /// Where the REGISTER came from (transport, source address and port as seen on the wire). Behind
    /// NAT the contact URI names a private address; requests for the contact go here instead.
    /// </summary>
    public required SipEndPoint Source { get; init; }

    /// <summary>The digest username that authenticated the registration.</summary>
    public string? AuthenticatedUser { get; init; }

    /// <summary>The User-Agent header of the REGISTER, for operators.</summary>
    public string? UserAgent { get; init; }

    /// <summary>False after the contact failed to answer OPTIONS too often (<see cref="ContactQualifier"/>); a refresh makes it true again.</summary>
    public bool IsReachable { get; init; } = true;

    /// <summary>The contact URI requests for the address-of-record are sent to.</summary>
    public SipUri ContactUri => Contact.Uri;

    /// <summary>Whole seconds left at <paramref name="now"/>, rounded up; 0 once expired.</summary>
    public int SecondsLeft(DateTimeOffset now)
    {
        TimeSpan left = ExpiresAt - now;
        return left <= TimeSpan.Zero ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(left.TotalSeconds));
    }

    /// <summary>True when this binding is for the same contact as <paramref name="uri"/> (RFC 3261 10.3 step 7: URI comparison of 19.1.4).</summary>
    public bool IsFor(SipUri uri) => Contact.Uri.UriEquals(uri);
}
