namespace CallService.Sip.Transport;

/// <summary>
/// An <see cref="ISipTransport"/> without sockets, for tests: created by <see cref="InMemorySipNetwork.AddTransport"/>,
/// it sends over the network and receives what others send to its endpoints. Records what it sent and received.
/// </summary>
public sealed class InMemorySipTransport : ISipTransport
{
    private readonly List<InMemorySipPacket> _received = [];
    private volatile SipInboundPacketHandler? _handler;

    internal InMemorySipTransport(InMemorySipNetwork network, SipEndPoint[] localEndPoints)
    {
        Network = network;
        LocalEndPoints = [.. localEndPoints];
    }

    public InMemorySipNetwork Network { get; }

    /// <inheritdoc />
    public IReadOnlyList<SipEndPoint> LocalEndPoints { get; }

    /// <summary>Packets this transport sent (a snapshot, in order).</summary>
    public IReadOnlyList<InMemorySipPacket> Sent => [.. Network.Sent.Where(p => LocalEndPoints.Contains(p.From))];

    /// <summary>Packets delivered to this transport (a snapshot, in order), whether or not a handler was set.</summary>
    public IReadOnlyList<InMemorySipPacket> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <inheritdoc />
    public void SetPacketHandler(SipInboundPacketHandler? handler) => _handler = handler;

    /// <inheritdoc />
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, SipEndPoint destination, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            SipEndPoint from = LocalFor(destination, null);
            Network.Send(data, from, destination, connectionId: 0);
            return ValueTask.CompletedTask;
        }
#pragma warning disable CA1031 // faults travel in the ValueTask, as they do from the socket transport
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ValueTask.FromException(exception);
        }
    }

    /// <inheritdoc />
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, SipFlow flow, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            SipEndPoint from = LocalFor(flow.Remote, flow.Local);
            if (flow.Protocol != SipProtocol.Udp && (flow.ConnectionId == 0 || !Network.IsOpen(flow.ConnectionId)))
            {
                throw new SipTransportException(SipTransportError.ConnectionClosed, flow.Remote, $"in-memory connection {flow.ConnectionId} is closed");
            }

            Network.Send(data, from, flow.Remote, flow.ConnectionId);
            return ValueTask.CompletedTask;
        }
#pragma warning disable CA1031 // faults travel in the ValueTask, as they do from the socket transport
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return ValueTask.FromException(exception);
        }
    }

    internal void Receive(InMemorySipPacket packet, long timestamp)
    {
        lock (_received)
        {
            _received.Add(packet);
        }

        var inbound = new SipInboundPacket(packet.Data, packet.From, packet.To, packet.ConnectionId, timestamp);
        _handler?.Invoke(in inbound);
    }

    // The flow's own endpoint when it is ours; else our endpoint of the same protocol, preferring the same family.
    private SipEndPoint LocalFor(SipEndPoint destination, SipEndPoint? local)
    {
        if (local is { } wanted)
        {
            return LocalEndPoints.Contains(wanted)
                ? wanted
                : throw new SipTransportException(SipTransportError.NoListener, destination, $"{wanted} is not an endpoint of this transport");
        }

        SipEndPoint? sameProtocol = null;
        foreach (SipEndPoint endPoint in LocalEndPoints)
        {
            if (endPoint.Protocol != destination.Protocol)
            {
                continue;
            }

            if (endPoint.EndPoint.AddressFamily == destination.EndPoint.AddressFamily)
            {
                return endPoint;
            }

            sameProtocol ??= endPoint;
        }

        return sameProtocol ?? throw new SipTransportException(SipTransportError.NoListener, destination, $"this transport has no {destination.Protocol} endpoint");
    }
}
