using System.Net;
using System.Net.Sockets;

namespace CallService.Sip.Sdp;

/// <summary>Address helpers shared by c=, o= and a=rtcp (RFC 4566 5.7, 9).</summary>
internal static class SdpAddress
{
    public static string ToToken(SdpAddressType type) => type == SdpAddressType.Ip6 ? "IP6" : "IP4";

    public static bool TryParseType(ReadOnlySpan<char> token, out SdpAddressType type)
    {
        switch (token)
        {
            case "IP4": type = SdpAddressType.Ip4; return true;
            case "IP6": type = SdpAddressType.Ip6; return true;
            default: type = SdpAddressType.Ip4; return false;
        }
    }

    public static SdpAddressType TypeOf(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? SdpAddressType.Ip6 : SdpAddressType.Ip4;

    /// <summary>
    /// The form of a local address fit for SDP: an IPv4-mapped IPv6 address as plain IPv4, and no IPv6
    /// zone index (it names one of our interfaces and means nothing to the peer).
    /// </summary>
    public static IPAddress Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
    }

    /// <summary>
    /// Checks an address of the given type. RFC 4566 9 allows an IP literal or an FQDN; a token that looks
    /// like a literal (digits and dots for IP4, any colon for IP6) must be a valid one.
    /// </summary>
    public static bool IsValid(SdpAddressType type, ReadOnlySpan<char> address)
    {
        if (address.IsEmpty)
        {
            return false;
        }

        if (type == SdpAddressType.Ip4)
        {
            return address.ContainsAnyExcept(Ip4LiteralChars) ? IsHostName(address) : TryParseIp4(address, out _);
        }

        return address.Contains(':') ? TryParseIp6(address, out _) : IsHostName(address);
    }

    /// <summary>The IP literal of an address, or null when it is a host name.</summary>
    public static IPAddress? ToIpAddress(SdpAddressType type, string address)
    {
        if (type == SdpAddressType.Ip4)
        {
            return TryParseIp4(address, out var ip4) ? ip4 : null;
        }

        return TryParseIp6(address, out var ip6) ? ip6 : null;
    }

    // Strict dotted quad: IPAddress.TryParse also accepts "1", "1.2" and octal forms, which SDP does not.
    private static bool TryParseIp4(ReadOnlySpan<char> text, out IPAddress? address)
    {
        address = null;
        Span<byte> octets = stackalloc byte[4];
        var count = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (count == 4 || part.IsEmpty || part.Length > 3 || part.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            var value = 0;
            foreach (var c in part)
            {
                value = (value * 10) + (c - '0');
            }

            if (value > 255)
            {
                return false;
            }

            octets[count++] = (byte)value;
        }

        if (count != 4)
        {
            return false;
        }

        address = new IPAddress(octets);
        return true;
    }

    private static bool TryParseIp6(ReadOnlySpan<char> text, out IPAddress? address)
    {
        // No zone index ("%eth0") in SDP: the grammar has none and it means nothing to the peer.
        if (text.Contains('%') || !IPAddress.TryParse(text, out address) ||
            address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            address = null;
            return false;
        }

        return true;
    }

    // RFC 4566 9: FQDN = 4*(alpha-numeric / "-" / ".").
    private static bool IsHostName(ReadOnlySpan<char> text) =>
        text.Length >= 4 && !text.ContainsAnyExcept(HostNameChars);

    private static readonly System.Buffers.SearchValues<char> Ip4LiteralChars =
        System.Buffers.SearchValues.Create("0123456789.");

    private static readonly System.Buffers.SearchValues<char> HostNameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");
}
