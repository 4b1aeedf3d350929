namespace CallService.Sip.Messages;

/// <summary>What this element supports, for <see cref="SipRequestValidator"/>.</summary>
public sealed class SipValidationPolicy
{
    /// <summary>Option tags this element understands (Require / Proxy-Require, RFC 3261 8.2.2.3).</summary>
    public IReadOnlySet<string> SupportedExtensions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Body types this element accepts (RFC 3261 8.2.3); "application/sdp" by default.</summary>
    public IReadOnlySet<string> AcceptedContentTypes { get; init; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "application/sdp" };

    /// <summary>Content codings accepted; "identity" is always acceptable.</summary>
    public IReadOnlySet<string> AcceptedContentEncodings { get; init; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "identity" };

    /// <summary>Methods this element implements (RFC 3261 8.2.1: 405 if known but not allowed here, 501 if unknown).</summary>
    public IReadOnlySet<SipMethod> AllowedMethods { get; init; } = new HashSet<SipMethod>
    {
        SipMethod.Invite, SipMethod.Ack, SipMethod.Bye, SipMethod.Cancel, SipMethod.Options,
    };

    /// <summary>Request-URI schemes this element serves (RFC 3261 8.2.2.1: otherwise 416).</summary>
    public IReadOnlySet<string> SupportedUriSchemes { get; init; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "sip", "sips" };

    /// <summary>RFC 4475 3.1.2.12: reject a Date that is not rfc1123-date in GMT (only matters where Date is used).</summary>
    public bool RejectMalformedDate { get; init; } = true;

    /// <summary>The warn-agent written in Warning headers (RFC 3261 20.43): host name or pseudonym token.</summary>
    public string WarningAgent { get; init; } = "callservice";

    /// <summary>Whether this element acts as a proxy for the request (483 on Max-Forwards 0 is a proxy's duty, RFC 3261 16.3).</summary>
    public bool IsProxy { get; init; }

    /// <summary>A user agent server with the defaults above.</summary>
    public static SipValidationPolicy Default { get; } = new();
}
