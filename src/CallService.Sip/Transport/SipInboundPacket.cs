namespace CallService.Sip.Transport;

/// <summary>
/// One received SIP message (a UDP datagram, or one framed message from a TCP stream) handed to the layer above.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Data"/> is BORROWED: it points into the transport's receive buffer and is valid only until the
/// <see cref="SipInboundPacketHandler"/> returns. The consumer parses it synchronously inside the handler (the
/// SIP parser takes a span and copies what it keeps); anything that must outlive the call is copied
/// (<c>packet.Data.ToArray()</c>). This keeps the receive path free of per-packet allocations.
/// </para>
/// <para>
/// The transport does not parse SIP: Data may be any bytes a peer sent (UDP) or one Content-Length framed
/// message (TCP). Empty datagrams, oversized datagrams and CRLF keep-alives never reach the handler.
/// </para>
/// </remarks>
public readonly struct SipInboundPacket
{
    public SipInboundPacket(ReadOnlyMemory<byte> data, SipEndPoint remote, SipEndPoint local, long connectionId, long receivedTimestamp)
    {
        Data = data;
        Remote = remote;
        Local = local;
        ConnectionId = connectionId;
        ReceivedTimestamp = receivedTimestamp;
    }

    /// <summary>The message bytes; valid only during the handler call (see remarks).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Source address and port as seen on the wire (RFC 3261 18.2.1 "received", RFC 3581 "rport").</summary>
    public SipEndPoint Remote { get; }

    /// <summary>
    /// Our endpoint: for UDP the listening socket's bound endpoint (a wildcard address if bound to 0.0.0.0 / ::);
    /// for TCP the connection's local endpoint.
    /// </summary>
    public SipEndPoint Local { get; }

    /// <summary>The TCP/TLS connection that carried the message (&gt; 0), or 0 for UDP.</summary>
    public long ConnectionId { get; }

    /// <summary>When the bytes were read: <see cref="TimeProvider.GetTimestamp"/> of the transport's clock.</summary>
    public long ReceivedTimestamp { get; }

    /// <summary>The path to send a response back on (<see cref="ISipTransport.SendAsync(ReadOnlyMemory{byte}, SipFlow, CancellationToken)"/>).</summary>
    public SipFlow Flow => new(Local, Remote, ConnectionId);
}
