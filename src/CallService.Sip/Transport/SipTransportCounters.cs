namespace CallService.Sip.Transport;

/// <summary>The live counters behind <see cref="SipTransportStats"/>; incremented with Interlocked from the loops.</summary>
internal sealed class SipTransportCounters
{
    public long DatagramsReceived;
    public long DatagramBytesReceived;
    public long DatagramsDroppedEmpty;
    public long DatagramsDroppedOversized;
    public long DatagramsDroppedKeepAlive;
    public long UdpConnectionResetsIgnored;
    public long UdpReceiveErrors;
    public long StreamMessagesReceived;
    public long StreamBytesReceived;
    public long KeepAlivePingsAnswered;
    public long TcpConnectionsOpen;
    public long TcpConnectionsAccepted;
    public long TcpConnectionsOpened;
    public long TcpConnectionsRejected;
    public long TcpConnectionsIdleClosed;
    public long FramingErrors;
    public long PacketsDroppedNoHandler;
    public long HandlerExceptions;
    public long MessagesSent;
    public long BytesSent;
    public long SendErrors;

    public void Sent(int bytes)
    {
        Interlocked.Increment(ref MessagesSent);
        Interlocked.Add(ref BytesSent, bytes);
    }

    public SipTransportStats Snapshot() => new()
    {
        DatagramsReceived = Volatile.Read(ref DatagramsReceived),
        DatagramBytesReceived = Volatile.Read(ref DatagramBytesReceived),
        DatagramsDroppedEmpty = Volatile.Read(ref DatagramsDroppedEmpty),
        DatagramsDroppedOversized = Volatile.Read(ref DatagramsDroppedOversized),
        DatagramsDroppedKeepAlive = Volatile.Read(ref DatagramsDroppedKeepAlive),
        UdpConnectionResetsIgnored = Volatile.Read(ref UdpConnectionResetsIgnored),
        UdpReceiveErrors = Volatile.Read(ref UdpReceiveErrors),
        StreamMessagesReceived = Volatile.Read(ref StreamMessagesReceived),
        StreamBytesReceived = Volatile.Read(ref StreamBytesReceived),
        KeepAlivePingsAnswered = Volatile.Read(ref KeepAlivePingsAnswered),
        TcpConnectionsOpen = Volatile.Read(ref TcpConnectionsOpen),
        TcpConnectionsAccepted = Volatile.Read(ref TcpConnectionsAccepted),
        TcpConnectionsOpened = Volatile.Read(ref TcpConnectionsOpened),
        TcpConnectionsRejected = Volatile.Read(ref TcpConnectionsRejected),
        TcpConnectionsIdleClosed = Volatile.Read(ref TcpConnectionsIdleClosed),
        FramingErrors = Volatile.Read(ref FramingErrors),
        PacketsDroppedNoHandler = Volatile.Read(ref PacketsDroppedNoHandler),
        HandlerExceptions = Volatile.Read(ref HandlerExceptions),
        MessagesSent = Volatile.Read(ref MessagesSent),
        BytesSent = Volatile.Read(ref BytesSent),
        SendErrors = Volatile.Read(ref SendErrors),
    };
}
