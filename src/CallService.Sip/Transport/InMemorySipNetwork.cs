using System.Net.Sockets;

namespace CallService.Sip.Transport;

/// <summary>
/// A wire between <see cref="InMemorySipTransport"/>s, with no sockets: every message sent is recorded byte for
/// byte and delivered to the transport that owns the destination endpoint, at once or when the test pumps the
/// queue. TCP/TLS sends open an in-memory connection (an id both sides see in <see cref="SipInboundPacket.ConnectionId"/>);
/// UDP to an endpoint nobody owns is lost silently, TCP to one fails with ConnectFailed, like real sockets.
/// </summary>
/// <remarks>
/// Simplifications: a connection's two ends are the two transports' listening endpoints (no ephemeral ports),
/// and the bytes are not framed or filtered (what is sent is delivered as one packet). Exceptions thrown by a
/// handler are NOT swallowed here: they surface from SendAsync (synchronous delivery) or DeliverNext, so a test
/// sees its bug. Thread-safe.
/// </remarks>
public sealed class InMemorySipNetwork
{
    private readonly object _gate = new();
    private readonly Dictionary<SipEndPoint, InMemorySipTransport> _owners = [];
    private readonly Dictionary<(SipEndPoint, SipEndPoint), long> _connectionsByEnds = [];
    private readonly Dictionary<long, (SipEndPoint A, SipEndPoint B)> _connections = [];
    private readonly List<InMemorySipPacket> _sent = [];
    private readonly Queue<InMemorySipPacket> _queue = new();
    private long _lastConnectionId;

    public InMemorySipNetwork(TimeProvider? timeProvider = null, InMemorySipDelivery delivery = InMemorySipDelivery.Synchronous)
    {
        Time = timeProvider ?? TimeProvider.System;
        Delivery = delivery;
    }

    public TimeProvider Time { get; }

    public InMemorySipDelivery Delivery { get; }

    /// <summary>Decides each packet's fate before delivery (loss, failure); null delivers everything.</summary>
    public Func<InMemorySipPacket, InMemorySipFate>? Intercept { get; set; }

    /// <summary>Every packet sent on this network, in order (a snapshot).</summary>
    public IReadOnlyList<InMemorySipPacket> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Packets waiting in <see cref="InMemorySipDelivery.Queued"/> mode.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Adds a transport that owns (listens on) <paramref name="localEndPoints"/>.</summary>
    public InMemorySipTransport AddTransport(params SipEndPoint[] localEndPoints)
    {
        ArgumentNullException.ThrowIfNull(localEndPoints);
        if (localEndPoints.Length == 0)
        {
            throw new ArgumentException("A transport needs at least one local endpoint.", nameof(localEndPoints));
        }

        var transport = new InMemorySipTransport(this, localEndPoints);
        lock (_gate)
        {
            foreach (SipEndPoint endPoint in localEndPoints)
            {
                if (_owners.ContainsKey(endPoint))
                {
                    throw new ArgumentException($"{endPoint} already belongs to a transport on this network.", nameof(localEndPoints));
                }
            }

            foreach (SipEndPoint endPoint in localEndPoints)
            {
                _owners.Add(endPoint, transport);
            }
        }

        return transport;
    }

    /// <summary>Delivers the oldest queued packet; false if none was waiting.</summary>
    public bool DeliverNext()
    {
        InMemorySipPacket packet;
        lock (_gate)
        {
            if (!_queue.TryDequeue(out packet!))
            {
                return false;
            }
        }

        Deliver(packet);
        return true;
    }

    /// <summary>Delivers queued packets, including those sent while delivering, until none is left.</summary>
    /// <returns>How many were delivered.</returns>
    public int DeliverAll(int limit = 100_000)
    {
        int delivered = 0;
        while (delivered < limit && DeliverNext())
        {
            delivered++;
        }

        return delivered;
    }

    /// <summary>Closes an in-memory connection: later flow sends on it fail with ConnectionClosed.</summary>
    public bool CloseConnection(long connectionId)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connectionId, out (SipEndPoint A, SipEndPoint B) ends))
            {
                return false;
            }

            _connectionsByEnds.Remove(Key(ends.A, ends.B));
            return true;
        }
    }

    // Called by InMemorySipTransport: send from one of its endpoints.
    internal void Send(ReadOnlyMemory<byte> data, SipEndPoint from, SipEndPoint to, long connectionId)
    {
        InMemorySipPacket packet;
        lock (_gate)
        {
            bool connectionOriented = to.Protocol != SipProtocol.Udp;
            if (connectionOriented)
            {
                if (connectionId != 0)
                {
                    if (!_connections.TryGetValue(connectionId, out (SipEndPoint A, SipEndPoint B) ends) || !(ends.A == from || ends.B == from))
                    {
                        throw new SipTransportException(SipTransportError.ConnectionClosed, to, $"in-memory connection {connectionId} is closed");
                    }
                }
                else if (!_connectionsByEnds.TryGetValue(Key(from, to), out connectionId))
                {
                    if (!_owners.ContainsKey(to))
                    {
                        throw new SipTransportException(SipTransportError.ConnectFailed, to, $"nobody listens on {to}", SocketError.ConnectionRefused);
                    }

                    connectionId = ++_lastConnectionId;
                    _connections.Add(connectionId, (from, to));
                    _connectionsByEnds.Add(Key(from, to), connectionId);
                }
            }

            packet = new InMemorySipPacket(data.ToArray(), from, to, connectionId, Time.GetTimestamp(), InMemorySipFate.Deliver);
            InMemorySipFate fate = Intercept?.Invoke(packet) ?? InMemorySipFate.Deliver;
            packet = packet with { Fate = fate };
            _sent.Add(packet);
            if (fate == InMemorySipFate.Fail)
            {
                throw new SipTransportException(SipTransportError.SendFailed, to, $"in-memory send to {to} failed (intercepted)");
            }

            if (fate == InMemorySipFate.Drop)
            {
                return;
            }

            if (Delivery == InMemorySipDelivery.Queued)
            {
                _queue.Enqueue(packet);
                return;
            }
        }

        Deliver(packet);
    }

    internal bool IsOpen(long connectionId)
    {
        lock (_gate)
        {
            return _connections.ContainsKey(connectionId);
        }
    }

    private void Deliver(InMemorySipPacket packet)
    {
        InMemorySipTransport? owner;
        lock (_gate)
        {
            _owners.TryGetValue(packet.To, out owner);
        }

        // UDP to nobody: lost, as on a real network.
        owner?.Receive(packet, Time.GetTimestamp());
    }

    // A connection is the same whichever end sends.
    private static (SipEndPoint, SipEndPoint) Key(SipEndPoint a, SipEndPoint b) =>
        string.CompareOrdinal(a.ToString(), b.ToString()) <= 0 ? (a, b) : (b, a);
}
