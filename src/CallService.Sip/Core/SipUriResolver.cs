using System.Net;
using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Core;

/// <summary>
/// Where to send a request for a URI: the host's address (A/AAAA lookup when it is a name), the
/// port (5060, or 5061 for sips), the transport from the URI's transport parameter (RFC 3263 4.1
/// without NAPTR/SRV: the peers we serve are configured by address).
/// </summary>
public static class SipUriResolver
{
    public static async ValueTask<SipEndPoint> ResolveAsync(SipUri uri, SipProtocol defaultProtocol, CancellationToken cancellationToken)
    {
        var protocol = uri.IsSips ? SipProtocol.Tls : ProtocolOf(uri.Transport) ?? defaultProtocol;
        int port = uri.Port ?? (protocol == SipProtocol.Tls ? 5061 : 5060);
        string host = uri.Host.Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            address = addresses.Length > 0 ? addresses[0] : throw new SipUnreachableException($"No address for host '{host}'.");
        }
        return new SipEndPoint(protocol, new IPEndPoint(address, port));
    }

    public static SipProtocol? ProtocolOf(string? transport) => transport?.ToUpperInvariant() switch
    {
        "UDP" => SipProtocol.Udp,
        "TCP" => SipProtocol.Tcp,
        "TLS" => SipProtocol.Tls,
        _ => null,
    };

    public static string ViaToken(SipProtocol protocol) => protocol switch
    {
        SipProtocol.Tcp => "TCP",
        SipProtocol.Tls => "TLS",
        _ => "UDP",
    };
}
