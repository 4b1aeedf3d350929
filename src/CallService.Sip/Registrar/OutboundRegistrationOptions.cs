using CallService.Sip.Auth;
using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Registrar;

/// <summary>What <see cref="OutboundRegistration"/> registers where (RFC 3261 10.2); checked when it is built.</summary>
public sealed record OutboundRegistrationOptions
{
    /// <summary>The address-of-record to register, e.g. sip:sales@pbx.example (To and From, RFC 3261 10.2).</summary>
    public required SipUri AddressOfRecord { get; init; }

    /// <summary>The registrar's URI, the Request-URI of the REGISTER: the domain without a user, e.g. sip:pbx.example (RFC 3261 10.2).</summary>
    public required SipUri Registrar { get; init; }

    /// <summary>Where to send the REGISTER (an outbound proxy or the registrar's address); null resolves <see cref="Registrar"/>.</summary>
    public SipEndPoint? Destination { get; init; }

    /// <summary>The user part of our Contact; null uses the address-of-record's user.</summary>
    public string? ContactUser { get; init; }

    /// <summary>The digest username; null uses the address-of-record's user.</summary>
    public string? Username { get; init; }

    /// <summary>The password or HA1 values that answer 401/407 challenges; null when the registrar asks for none.</summary>
    public DigestSecret? Secret { get; init; }

    /// <summary>The expiry asked for (RFC 3261 10.2.1.1); the registrar may grant less. Default 3600 s.</summary>
    public TimeSpan Expires { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>When to refresh, as a fraction of the granted expiry (0.5 to 0.9). Default 0.8.</summary>
    public double RefreshFraction { get; init; } = 0.8;

    /// <summary>The wait after the first failure; it doubles with each further failure. Default 2 s.</summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts after failures. Default 5 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <exception cref="ArgumentException">A value is out of range.</exception>
    internal void Validate()
    {
        if (!AddressOfRecord.IsSipOrSips || string.IsNullOrEmpty(AddressOfRecord.User))
        {
            throw new ArgumentException("OutboundRegistrationOptions.AddressOfRecord must be a SIP URI with a user, e.g. sip:sales@pbx.example.", nameof(AddressOfRecord));
        }

        if (!Registrar.IsSipOrSips)
        {
            throw new ArgumentException("OutboundRegistrationOptions.Registrar must be a SIP URI, e.g. sip:pbx.example.", nameof(Registrar));
        }

        if (Expires < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("OutboundRegistrationOptions.Expires must be at least 1 s.", nameof(Expires));
        }

        if (RefreshFraction is < 0.5 or > 0.9)
        {
            throw new ArgumentException("OutboundRegistrationOptions.RefreshFraction must be between 0.5 and 0.9.", nameof(RefreshFraction));
        }

        if (RetryInitialDelay <= TimeSpan.Zero || RetryMaxDelay < RetryInitialDelay)
        {
            throw new ArgumentException("OutboundRegistrationOptions.RetryInitialDelay must be positive and not above RetryMaxDelay.", nameof(RetryInitialDelay));
        }
    }
}
