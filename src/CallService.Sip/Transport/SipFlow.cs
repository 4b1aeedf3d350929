namespace CallService.Sip.Transport;

/// <summary>
/// The path one message came in on, so an answer can go back the same way (RFC 5626 "flow"): for UDP the
/// local socket and the remote address; for TCP also the connection that carried it. RFC 3261 18.2.2 sends a
/// response over the connection that carried the request; RFC 3581 4 sends a UDP response from the address
/// and port the request arrived on.
/// </summary>
/// <param name="Local">Our endpoint (for UDP the listening socket's bound endpoint).</param>
/// <param name="Remote">The peer's endpoint as seen on the wire (source address and port).</param>
/// <param name="ConnectionId">The connection for TCP/TLS (&gt; 0); 0 for UDP.</param>
public readonly record struct SipFlow(SipEndPoint Local, SipEndPoint Remote, long ConnectionId)
{
    public SipProtocol Protocol => Remote.Protocol;

    public override string ToString() =>
        ConnectionId == 0 ? $"{Local} <-> {Remote}" : $"{Local} <-> {Remote} (connection {ConnectionId})";
}
