using System.Net;
using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Core;

/// <summary>The server transport's Via rules: RFC 3261 18.2.1 (received), RFC 3581 (rport) and
/// where responses go (RFC 3261 18.2.2).</summary>
public static class ViaRouting
{
    /// <summary>Stamps received/rport on the top Via of a request from <paramref name="source"/>.</summary>
    public static void StampReceived(SipRequest request, SipEndPoint source)
    {
        var via = request.TopVia;
        string sourceHost = source.EndPoint.Address.ToString();
        var stamped = via;
        // RFC 3581 4: an empty rport asks for the source port, and received is then always added.
        if (via.HasRport && via.Rport is null)
        {
            stamped = stamped.WithRport(source.EndPoint.Port).WithReceived(sourceHost);
        }
        else if (!HostEquals(via.Host, source.EndPoint.Address))
        {
            stamped = stamped.WithReceived(sourceHost);
        }
        if (!ReferenceEquals(stamped, via))
        {
            request.SetTopVia(stamped);
        }
    }

    /// <summary>RFC 3261 18.2.2 with RFC 3581: reliable transports answer over the connection the
    /// request came on; UDP answers to the source address, at the rport (the source port) when asked,
    /// else at the sent-by port (default 5060).</summary>
    public static SipEndPoint ResponseDestination(SipRequest request, SipEndPoint source)
    {
        if (source.Protocol != SipProtocol.Udp)
        {
            return source;
        }
        var via = request.TopVia;
        int port = via.HasRport ? source.EndPoint.Port : via.Port ?? 5060;
        return new SipEndPoint(SipProtocol.Udp, new IPEndPoint(source.EndPoint.Address, port));
    }

    private static bool HostEquals(string viaHost, IPAddress address)
    {
        ReadOnlySpan<char> host = viaHost.AsSpan();
        if (host.Length > 2 && host[0] == '[' && host[^1] == ']')
        {
            host = host[1..^1];
        }
        return IPAddress.TryParse(host, out var parsed) && parsed.Equals(address);
    }
}
