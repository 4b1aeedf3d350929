namespace CallService.Sip.Transport;

/// <summary>
/// Moves SIP message bytes between this node and its peers over UDP and TCP. It does not parse SIP (except the
/// TCP stream framing of RFC 3261 18.3). Implemented by <see cref="SipTransportManager"/> (sockets) and
/// <see cref="InMemorySipTransport"/> (tests, no sockets).
/// </summary>
public interface ISipTransport
{
    /// <summary>The endpoints actually listening (ports resolved when 0 was configured).</summary>
    IReadOnlyList<SipEndPoint> LocalEndPoints { get; }

    /// <summary>
    /// Sets the one handler that receives every inbound message (replacing any previous one). Packets that
    /// arrive while no handler is set are dropped and counted.
    /// </summary>
    void SetPacketHandler(SipInboundPacketHandler? handler);

    /// <summary>
    /// Sends one whole message to <paramref name="destination"/>. UDP goes out of the listening socket of the
    /// destination's address family (so the source port is our SIP port); TCP reuses any open connection to
    /// that remote endpoint (accepted or opened by us), else connects first.
    /// </summary>
    /// <exception cref="SipTransportException">The send failed (see <see cref="SipTransportException.Error"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask SendAsync(ReadOnlyMemory<byte> data, SipEndPoint destination, CancellationToken cancellationToken);

    /// <summary>
    /// Sends back along the flow a message arrived on: UDP from <see cref="SipFlow.Local"/>'s socket to
    /// <see cref="SipFlow.Remote"/>; TCP over connection <see cref="SipFlow.ConnectionId"/> only (RFC 3261 18.2.2),
    /// failing with <see cref="SipTransportError.ConnectionClosed"/> if it is gone.
    /// </summary>
    /// <exception cref="SipTransportException">The send failed (see <see cref="SipTransportException.Error"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask SendAsync(ReadOnlyMemory<byte> data, SipFlow flow, CancellationToken cancellationToken);

    /// <summary>
    /// Hands <paramref name="data"/> to the system to send to <paramref name="destination"/> at
    /// <paramref name="timestamp"/> (a <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> instant),
    /// however busy this process is then. Null when this transport cannot: the caller sends at the
    /// instant itself.
    /// </summary>
    ScheduledDatagram? TrySendAt(ReadOnlyMemory<byte> data, SipEndPoint destination, long timestamp) => null;
}
