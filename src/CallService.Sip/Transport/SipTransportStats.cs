namespace CallService.Sip.Transport;

/// <summary>
/// A snapshot of the transport's counters since start (<see cref="SipTransportManager.GetStats"/>). UDP:
/// every datagram read counts in <see cref="DatagramsReceived"/>; the Dropped* counts are the part of it that
/// never reached the handler. TCP: <see cref="StreamMessagesReceived"/> counts framed messages handed to the handler.
/// </summary>
public sealed record SipTransportStats
{
    public long DatagramsReceived { get; init; }

    public long DatagramBytesReceived { get; init; }

    /// <summary>Zero-length datagrams.</summary>
    public long DatagramsDroppedEmpty { get; init; }

    /// <summary>Datagrams over <see cref="SipTransportOptions.MaxDatagramSize"/> (or truncated by the OS).</summary>
    public long DatagramsDroppedOversized { get; init; }

    /// <summary>Datagrams holding only CR/LF (a CRLF keep-alive; RFC 5626 uses STUN on UDP, but phones send these).</summary>
    public long DatagramsDroppedKeepAlive { get; init; }

    /// <summary>ICMP port-unreachable reported as ConnectionReset on a UDP receive: ignored.</summary>
    public long UdpConnectionResetsIgnored { get; init; }

    /// <summary>Other socket errors on a UDP receive (the loop goes on).</summary>
    public long UdpReceiveErrors { get; init; }

    public long StreamMessagesReceived { get; init; }

    public long StreamBytesReceived { get; init; }

    /// <summary>RFC 5626 3.5.1 double-CRLF pings answered with a CRLF pong.</summary>
    public long KeepAlivePingsAnswered { get; init; }

    public long TcpConnectionsOpen { get; init; }

    public long TcpConnectionsAccepted { get; init; }

    public long TcpConnectionsOpened { get; init; }

    /// <summary>Accepts closed at once because <see cref="SipTransportOptions.MaxConnections"/> was reached.</summary>
    public long TcpConnectionsRejected { get; init; }

    public long TcpConnectionsIdleClosed { get; init; }

    /// <summary>TCP streams that could not be framed (header block too large, no or bad Content-Length): closed.</summary>
    public long FramingErrors { get; init; }

    /// <summary>Packets that arrived while no handler was set.</summary>
    public long PacketsDroppedNoHandler { get; init; }

    /// <summary>Exceptions thrown by the handler (caught, logged, loop continues).</summary>
    public long HandlerExceptions { get; init; }

    public long MessagesSent { get; init; }

    public long BytesSent { get; init; }

    /// <summary>Sends that failed with a <see cref="SipTransportException"/> (connect failures included).</summary>
    public long SendErrors { get; init; }
}
