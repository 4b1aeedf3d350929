using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Sip.Transport;

/// <summary>
/// The socket transport: UDP and TCP listeners on the configured endpoints, one receive loop per UDP socket,
/// one accept loop per TCP listener, one read loop per TCP connection, one heartbeat timer for idle
/// connections. Inbound messages go synchronously to the handler set with <see cref="SetPacketHandler"/>.
/// </summary>
/// <remarks>
/// Life cycle: construct, <see cref="SetPacketHandler"/>, <see cref="StartAsync"/>, ..., <see cref="StopAsync"/>
/// (or dispose). A manager is started once.
/// </remarks>
public sealed class SipTransportManager : ISipTransport, IAsyncDisposable
{
    private readonly SipTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SipTransportCounters _counters = new();
    private readonly SipPacketDispatcher _dispatcher;
    private readonly SipTcpConnectionTable _connections;
    private readonly List<SipUdpListener> _udp = [];
    private readonly List<SipTcpListener> _tcp = [];
    private IReadOnlyList<SipEndPoint> _localEndPoints = [];
    private readonly Lock _timedGate = new();
    private TimedDatagramSender? _timed;
    private bool _timedTried;
    private ITimer? _heartbeat;
    private int _sweeping;
    private int _state; // 0 new, 1 started, 2 stopped

    public SipTransportManager(SipTransportOptions options, TimeProvider timeProvider, ILogger<SipTransportManager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _dispatcher = new SipPacketDispatcher(_counters, _logger);
        _connections = new SipTcpConnectionTable(options, _counters, _dispatcher, timeProvider, _logger);
    }

    /// <inheritdoc />
    public IReadOnlyList<SipEndPoint> LocalEndPoints => _localEndPoints;

    /// <inheritdoc />
    public void SetPacketHandler(SipInboundPacketHandler? handler) => _dispatcher.SetHandler(handler);

    /// <summary>A snapshot of the counters.</summary>
    public SipTransportStats GetStats() => _counters.Snapshot();

    /// <summary>
    /// Validates the options, binds every listener (all or none) and starts receiving.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    /// <exception cref="InvalidOperationException">Already started, or an endpoint cannot be bound (the message names it).</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _options.Validate();
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The SIP transport can be started once.");
        }

        List<SipEndPoint> bound;
        try
        {
            bound = BindAll();
        }
        catch
        {
            foreach (SipUdpListener udp in _udp)
            {
                _ = udp.StopAsync();
            }

            foreach (SipTcpListener tcp in _tcp)
            {
                _ = tcp.StopAsync();
            }

            _udp.Clear();
            _tcp.Clear();
            Volatile.Write(ref _state, 2);
            throw;
        }

        _localEndPoints = bound;
        _connections.ListenEndPoints = [.. _tcp.Select(t => t.LocalEndPoint.EndPoint)];
        foreach (SipUdpListener udp in _udp)
        {
            udp.Start();
            SipTransportLog.Listening(_logger, udp.LocalEndPoint);
        }

        foreach (SipTcpListener tcp in _tcp)
        {
            tcp.Start();
            SipTransportLog.Listening(_logger, tcp.LocalEndPoint);
        }

        _heartbeat = _time.CreateTimer(static state => ((SipTransportManager)state!).OnHeartbeat(), this, _options.HeartbeatInterval, _options.HeartbeatInterval);
        return Task.CompletedTask;
    }

    /// <summary>Closes listeners and connections and waits for every loop to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }

        if (_heartbeat is not null)
        {
            await _heartbeat.DisposeAsync().ConfigureAwait(false);
        }

        lock (_timedGate)
        {
            // First: it withdraws what the kernel still holds and lets go of the sockets, whose
            // disposal would otherwise wait for its references.
            _timed?.Dispose();
            _timed = null;
        }
        var loops = new List<Task>();
        loops.AddRange(_udp.Select(u => u.StopAsync()));
        loops.AddRange(_tcp.Select(t => t.StopAsync()));
        _connections.CloseAll();
        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(false);
        SipTransportLog.Stopped(_logger);
    }

    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, SipEndPoint destination, CancellationToken cancellationToken)
    {
        try
        {
            switch (destination.Protocol)
            {
                case SipProtocol.Udp:
                    await UdpFor(destination, null).SendAsync(data, destination.EndPoint, cancellationToken).ConfigureAwait(false);
                    break;
                case SipProtocol.Tcp:
                    await SendTcpAsync(data, destination, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw Unsupported(destination);
            }
        }
        catch (SipTransportException exception)
        {
            CountSendError(exception);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, SipFlow flow, CancellationToken cancellationToken)
    {
        try
        {
            switch (flow.Protocol)
            {
                case SipProtocol.Udp:
                    await UdpFor(flow.Remote, flow.Local).SendAsync(data, flow.Remote.EndPoint, cancellationToken).ConfigureAwait(false);
                    break;
                case SipProtocol.Tcp:
                    ThrowIfNotStarted(flow.Remote);
                    SipTcpConnection connection = _connections.Find(flow.ConnectionId)
                        ?? throw new SipTransportException(SipTransportError.ConnectionClosed, flow.Remote,
                            $"TCP connection {flow.ConnectionId} to {flow.Remote.EndPoint} is closed; RFC 3261 18.2.2: send to the Via sent-by instead");
                    await connection.SendAsync(data, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    throw Unsupported(flow.Remote);
            }
        }
        catch (SipTransportException exception)
        {
            CountSendError(exception);
            throw;
        }
    }

    private async ValueTask SendTcpAsync(ReadOnlyMemory<byte> data, SipEndPoint destination, CancellationToken cancellationToken)
    {
        ThrowIfNotStarted(destination);
        SipTcpConnection? reused = _connections.Find(destination.EndPoint);
        if (reused is not null)
        {
            try
            {
                await reused.SendAsync(data, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SipTransportException exception) when (exception.Error == SipTransportError.ConnectionClosed)
            {
                // It closed between lookup and send, before any byte went out: connect afresh below.
            }
        }

        SipTcpConnection connection = await _connections.GetOrConnectAsync(destination.EndPoint, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(data, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// UDP only, through Linux io_uring (<see cref="TimedDatagramSender"/>), set up at the first call;
    /// null for TCP, elsewhere, when stopped, or when the kernel lacks it (logged once).
    /// </remarks>
    public ScheduledDatagram? TrySendAt(ReadOnlyMemory<byte> data, SipEndPoint destination, long timestamp)
    {
        if (destination.Protocol != SipProtocol.Udp || Volatile.Read(ref _state) != 1 || data.Length > _options.MaxDatagramSize)
        {
            return null;
        }
        TimedDatagramSender? timed;
        lock (_timedGate)
        {
            if (!_timedTried && Volatile.Read(ref _state) == 1)
            {
                _timedTried = true;
                _timed = TimedDatagramSender.TryCreate(_counters, _logger, out string detail);
                if (_timed is null)
                {
                    SipTransportLog.TimedSendsUnavailable(_logger, detail);
                }
                else
                {
                    SipTransportLog.TimedSendsReady(_logger, detail);
                }
            }
            timed = _timed;
        }
        SipUdpListener udp;
        try
        {
            udp = UdpFor(destination, null);
        }
        catch (SipTransportException)
        {
            return null;
        }
        return timed?.TrySchedule(udp.Socket, data.Span, destination.EndPoint, timestamp);
    }

    // RFC 3581 4: answer from the socket the request arrived on; otherwise the first socket of the family.
    private SipUdpListener UdpFor(SipEndPoint destination, SipEndPoint? local)
    {
        ThrowIfNotStarted(destination);
        SipUdpListener? byFamily = null;
        foreach (SipUdpListener udp in _udp)
        {
            if (local is { } wanted && udp.LocalEndPoint == wanted)
            {
                return udp;
            }

            if (byFamily is null && udp.AddressFamily == destination.EndPoint.AddressFamily)
            {
                byFamily = udp;
            }
        }

        return byFamily ?? throw new SipTransportException(SipTransportError.NoListener, destination,
            $"no UDP listener for {destination.EndPoint.AddressFamily}; add one to SipTransport:ListenEndPoints");
    }

    private void ThrowIfNotStarted(SipEndPoint destination)
    {
        if (Volatile.Read(ref _state) != 1)
        {
            throw new SipTransportException(SipTransportError.Stopped, destination, "the SIP transport is not running");
        }
    }

    private static SipTransportException Unsupported(SipEndPoint destination) =>
        new(SipTransportError.ProtocolNotSupported, destination, $"{destination.Protocol} is not supported by this transport");

    private void CountSendError(SipTransportException exception)
    {
        Interlocked.Increment(ref _counters.SendErrors);
        SipTransportLog.SendFailed(_logger, exception.Destination, exception.Error, exception.SocketError);
    }

    private List<SipEndPoint> BindAll()
    {
        var bound = new List<SipEndPoint>(_options.ListenEndPoints.Count);
        // Port 0 on one address for both UDP and TCP: try to give both the same port, as SIP uses one port
        // number for both (RFC 3261 18.2.1: the Via sent-by port is the one the response comes back to).
        var sharedPorts = new Dictionary<IPAddress, int>();
        foreach (SipEndPoint listen in _options.ListenEndPoints)
        {
            IPEndPoint requested = listen.EndPoint;
            try
            {
                if (requested.Port == 0 && sharedPorts.TryGetValue(requested.Address, out int shared))
                {
                    try
                    {
                        bound.Add(Bind(listen.Protocol, new IPEndPoint(requested.Address, shared)));
                        continue;
                    }
                    catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
                    {
                        // taken for this protocol: any free port will do
                    }
                }

                SipEndPoint actual = Bind(listen.Protocol, requested);
                bound.Add(actual);
                if (requested.Port == 0)
                {
                    sharedPorts.TryAdd(requested.Address, actual.EndPoint.Port);
                }
            }
            catch (SocketException exception)
            {
                throw new InvalidOperationException(
                    $"SipTransport:ListenEndPoints {listen} cannot be bound: {exception.SocketErrorCode}. Free the port or choose another address/port.", exception);
            }
        }

        return bound;
    }

    private SipEndPoint Bind(SipProtocol protocol, IPEndPoint endPoint)
    {
        if (protocol == SipProtocol.Udp)
        {
            SipUdpListener udp = SipUdpListener.Bind(endPoint, _options, _counters, _dispatcher, _time, _logger);
            _udp.Add(udp);
            return udp.LocalEndPoint;
        }

        SipTcpListener tcp = SipTcpListener.Bind(endPoint, _options, _connections, _time, _logger);
        _tcp.Add(tcp);
        return tcp.LocalEndPoint;
    }

    private void OnHeartbeat()
    {
        // One timer for all connections (Kestrel's heartbeat), not one per connection.
        if (Interlocked.Exchange(ref _sweeping, 1) != 0)
        {
            return;
        }

        try
        {
            _connections.CloseIdle();
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
