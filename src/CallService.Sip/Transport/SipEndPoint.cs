using System.Net;

namespace CallService.Sip.Transport;

/// <summary>An address, port and transport: where a message came from or goes to.</summary>
public readonly record struct SipEndPoint(SipProtocol Protocol, IPEndPoint EndPoint)
{
    public override string ToString() => $"{Protocol.ToString().ToLowerInvariant()}:{EndPoint}";
}
