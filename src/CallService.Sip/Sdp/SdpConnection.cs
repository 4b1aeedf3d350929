using System.Net;

namespace CallService.Sip.Sdp;

/// <summary>
/// A c= line (RFC 4566 5.7): "c=IN &lt;addrtype&gt; &lt;address&gt;[/&lt;ttl&gt;][/&lt;count&gt;]". The network
/// type is always "IN". <see cref="Address"/> is an IP literal or a host name, kept as written.
/// </summary>
/// <param name="AddressType">IP4 or IP6.</param>
/// <param name="Address">The connection address as written.</param>
/// <param name="Ttl">The multicast TTL (IP4 only), when present.</param>
/// <param name="AddressCount">The number of multicast addresses, when present.</param>
public sealed record SdpConnection(SdpAddressType AddressType, string Address, int? Ttl = null, int? AddressCount = null)
{
    /// <summary>A unicast connection for an IP address (IPv4-mapped IPv6 written as IPv4, zone index dropped).</summary>
    public static SdpConnection For(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = SdpAddress.Normalize(address);
        return new SdpConnection(SdpAddress.TypeOf(normalized), normalized.ToString());
    }

    /// <summary>The address as an IP literal, or null when it is a host name.</summary>
    public IPAddress? IpAddress => SdpAddress.ToIpAddress(AddressType, Address);

    /// <summary>
    /// True for 0.0.0.0 (and ::). RFC 3264 8.4: the RFC 2543 way to put a stream on hold; the author
    /// does not want to receive media.
    /// </summary>
    public bool IsUnspecified =>
        IpAddress is { } ip && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
}
