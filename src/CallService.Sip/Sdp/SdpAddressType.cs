namespace CallService.Sip.Sdp;

/// <summary>The address type of c= and o= lines for network type "IN" (RFC 4566 5.2, 5.7).</summary>
public enum SdpAddressType
{
    /// <summary>"IP4".</summary>
    Ip4,

    /// <summary>"IP6".</summary>
    Ip6,
}
