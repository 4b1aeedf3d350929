namespace CallService.Sip.Sdp;

/// <summary>
/// An a=rtcp attribute (RFC 3605 2.1): "a=rtcp:&lt;port&gt; [IN &lt;addrtype&gt; &lt;address&gt;]", the RTCP
/// port (and address) when it is not the RTP port + 1 on the connection address.
/// </summary>
/// <param name="Port">The RTCP port.</param>
/// <param name="AddressType">The address type, when an address is given.</param>
/// <param name="Address">The RTCP address, when given.</param>
public sealed record SdpRtcp(int Port, SdpAddressType? AddressType = null, string? Address = null)
{
    /// <summary>The text after "a=rtcp:".</summary>
    public override string ToString() => AddressType is { } type && Address is not null
        ? FormattableString.Invariant($"{Port} IN {SdpAddress.ToToken(type)} {Address}")
        : Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
