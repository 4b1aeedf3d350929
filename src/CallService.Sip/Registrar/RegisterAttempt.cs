using CallService.Sip.Transport;

namespace CallService.Sip.Registrar;

/// <summary>What a REGISTER brings to RFC 3261 10.3 step 7 besides its contacts.</summary>
/// <param name="AddressOfRecord">The canonical address-of-record.</param>
/// <param name="CallId">The request's Call-ID.</param>
/// <param name="CSeq">The request's CSeq number.</param>
/// <param name="Source">Where the request came from (the flow to reach the contact through NAT).</param>
/// <param name="Now">The time of the request.</param>
/// <param name="AuthenticatedUser">The digest username that authenticated it.</param>
/// <param name="UserAgent">The User-Agent header, or null.</param>
public readonly record struct RegisterAttempt(
    string AddressOfRecord,
    string CallId,
    uint CSeq,
    SipEndPoint Source,
    DateTimeOffset Now,
    string? AuthenticatedUser,
    string? UserAgent);
