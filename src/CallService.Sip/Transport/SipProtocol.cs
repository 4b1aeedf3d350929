namespace CallService.Sip.Transport;

/// <summary>The transport a SIP message travels on (RFC 3261 18; the Via "sent-protocol" transport).</summary>
public enum SipProtocol
{
    Udp,
    Tcp,
    Tls,
}
