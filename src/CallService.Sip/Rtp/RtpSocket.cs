using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Sip.Rtp;

/// <summary>
/// The UDP socket of one call leg: it sends the leg's RTP (as the stream's <see cref="IRtpSender"/>,
/// so symmetric RTP leaves from the port it is received on) and runs one async receive loop with a
/// pooled buffer. Each datagram is classified (RTCP on the RTP port per RFC 5761 4, else RTP), parsed,
/// accounted in <see cref="Statistics"/> and handed to the callbacks. Malformed datagrams, duplicates
/// and unconfirmed sequence jumps are counted and dropped; nothing a peer sends stops the loop.
/// </summary>
public sealed class RtpSocket : IRtpSender, IDisposable
{
    private readonly Socket _socket;
    private readonly UdpRtpSender _sender;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly RtpPortAllocator? _ports;
    private readonly int _maxDatagramSize;
    private readonly bool _kernelTimestamps;
    private Task _completion = Task.CompletedTask;
    private int _started;
    private int _disposed;

    // Receive-loop state: the last peer address, so an IPEndPoint is only built when it changes.
    private SocketAddress? _lastAddress;
    private IPEndPoint? _lastRemote;

    private long _badPackets;
    private long _rtcpPackets;
    private long _handlerErrors;

    private RtpSocket(Socket socket, TimeProvider clock, RtpSocketOptions options, ILogger? logger, RtpPortAllocator? ports)
    {
        _socket = socket;
        _sender = new UdpRtpSender(socket);
        _clock = clock;
        _logger = logger ?? NullLogger.Instance;
        _ports = ports;
        _maxDatagramSize = options.MaxDatagramSize;
        _kernelTimestamps = options.KernelTimestamps && KernelReceiveTimestamp.IsSupported;
        if (_kernelTimestamps)
        {
            KernelReceiveTimestamp.Enable(socket);
        }
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        Statistics = new RtpReceiveStatistics(clock.TimestampFrequency, options.ClockRate);
    }

    /// <summary>The bound address and port (the port the SDP advertises).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Reception statistics of the RTP received on this socket.</summary>
    public RtpReceiveStatistics Statistics { get; }

    /// <summary>Datagrams that were neither valid RTP nor valid RTCP (or too long).</summary>
    public long BadPackets => Volatile.Read(ref _badPackets);

    /// <summary>Valid compound RTCP packets received.</summary>
    public long RtcpPackets => Volatile.Read(ref _rtcpPackets);

    /// <summary>Exceptions thrown by the callbacks (logged and ignored).</summary>
    public long HandlerErrors => Volatile.Read(ref _handlerErrors);

    /// <summary>Datagrams the socket refused to send.</summary>
    public long SendErrors => _sender.SendErrors;

    /// <summary>Completes when the receive loop has ended (after cancellation or Dispose).</summary>
    public Task Completion => _completion;

    /// <summary>Binds to <paramref name="localEndPoint"/> (port 0: any free port). IPv6Any is dual-mode.</summary>
    public static RtpSocket Open(IPEndPoint localEndPoint, TimeProvider clock, RtpSocketOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(localEndPoint);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new RtpSocketOptions();
        options.Validate();
        Socket socket = CreateBoundSocket(localEndPoint, options);
        return new RtpSocket(socket, clock, options, logger, ports: null);
    }

    /// <summary>
    /// Binds to <paramref name="address"/> on the next free even port of <paramref name="ports"/>
    /// (ports another process holds are skipped). The port returns to the allocator on Dispose.
    /// False when the range has no bindable port left.
    /// </summary>
    public static bool TryOpen(
        IPAddress address,
        RtpPortAllocator ports,
        TimeProvider clock,
        out RtpSocket? socket,
        RtpSocketOptions? options = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new RtpSocketOptions();
        options.Validate();
        for (int attempt = 0; attempt < ports.Capacity; attempt++)
        {
            if (!ports.TryAllocate(out int port))
            {
                break;
            }

            try
            {
                Socket bound = CreateBoundSocket(new IPEndPoint(address, port), options);
                socket = new RtpSocket(bound, clock, options, logger, ports);
                return true;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                ports.Release(port); // taken outside our allocator; the round-robin cursor moves past it
            }
        }

        socket = null;
        return false;
    }

    /// <summary>
    /// Starts the receive loop; it runs until <paramref name="cancellationToken"/> is cancelled or
    /// the socket is disposed. Callbacks run on the loop, one datagram at a time.
    /// </summary>
    public void Start(RtpPacketHandler onRtp, RtcpPacketHandler? onRtcp = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onRtp);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The receive loop is already running.");
        }

        _completion = ReceiveLoopAsync(onRtp, onRtcp, cancellationToken);
    }

    /// <inheritdoc/>
    public void Send(ReadOnlySpan<byte> packet, EndPoint remote) => _sender.Send(packet, remote);

    /// <summary>Closes the socket (ending the receive loop) and returns its port to the allocator.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _socket.Dispose();
        _ports?.Release(LocalEndPoint.Port);
    }

    private static Socket CreateBoundSocket(IPEndPoint localEndPoint, RtpSocketOptions options)
    {
        var socket = new Socket(localEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (localEndPoint.AddressFamily == AddressFamily.InterNetworkV6 && localEndPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            if (OperatingSystem.IsWindows())
            {
                // SIO_UDP_CONNRESET off: an ICMP port-unreachable must not fail the next receive.
                socket.IOControl(unchecked((int)0x9800000C), [0, 0, 0, 0], null);
            }

            if (options.ReceiveBufferSize is int receive)
            {
                socket.ReceiveBufferSize = receive;
            }

            if (options.SendBufferSize is int send)
            {
                socket.SendBufferSize = send;
            }

            socket.Bind(localEndPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ReceiveLoopAsync(RtpPacketHandler onRtp, RtcpPacketHandler? onRtcp, CancellationToken cancellationToken)
    {
        await Task.Yield(); // never run the loop on the caller's stack
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_maxDatagramSize);
        var address = new SocketAddress(_socket.AddressFamily);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int received;
                try
                {
                    received = await _socket.ReceiveFromAsync(buffer.AsMemory(0, _maxDatagramSize), SocketFlags.None, address, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    // ICMP error from an earlier send, or a datagram longer than the buffer: not fatal.
                    if (ex.SocketErrorCode == SocketError.MessageSize)
                    {
                        Interlocked.Increment(ref _badPackets);
                    }

                    continue;
                }

                long arrival = ArrivalTimestamp();
                Dispatch(buffer.AsSpan(0, received), RemoteOf(address), arrival, onRtp, onRtcp);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException
            || (ex is SocketException && _disposed != 0))
        {
            // Cancelled or closed: the normal end of a leg.
        }
        catch (Exception ex)
        {
            RtpLog.ReceiveLoopFailed(_logger, LocalEndPoint.ToString(), ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private long ArrivalTimestamp()
    {
        long now = _clock.GetTimestamp();
        if (!_kernelTimestamps || !KernelReceiveTimestamp.TryGetLast(_socket, out long kernelMicros))
        {
            return now;
        }

        // Map the kernel's wallclock stamp onto the monotonic clock (monotonic now minus the packet's
        // age). The two clocks are read between two monotonic reads; if the thread was preempted in
        // between, the pair is inconsistent, so read again.
        long frequency = _clock.TimestampFrequency;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long before = _clock.GetTimestamp();
            long utcMicros = (_clock.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (TimeSpan.TicksPerMillisecond / 1000);
            long after = _clock.GetTimestamp();
            if ((after - before) * 1_000_000 / frequency > MaxClockPairMicros)
            {
                continue;
            }

            long ageMicros = utcMicros - kernelMicros;
            if (ageMicros < 0 || ageMicros > 1_000_000)
            {
                return now; // the wallclock stepped, or a stale stamp: trust the loop's own time
            }

            return before + ((after - before) / 2) - (ageMicros * frequency / 1_000_000);
        }

        return now;
    }

    private const long MaxClockPairMicros = 50;

    private void Dispatch(ReadOnlySpan<byte> datagram, IPEndPoint remote, long arrival, RtpPacketHandler onRtp, RtcpPacketHandler? onRtcp)
    {
        if (datagram.Length >= _maxDatagramSize)
        {
            Interlocked.Increment(ref _badPackets); // possibly truncated
            return;
        }

        try
        {
            if (RtpDemultiplexer.IsRtcp(datagram))
            {
                if (RtcpCompound.Validate(datagram) != RtcpParseError.None)
                {
                    Interlocked.Increment(ref _badPackets);
                    return;
                }

                // Counted once handled, so a reader that sees the count also sees what the handler did.
                onRtcp?.Invoke(datagram, remote, arrival);
                Interlocked.Increment(ref _rtcpPackets);
                return;
            }

            if (!RtpPacket.TryParse(datagram, out RtpPacket packet, out _))
            {
                Interlocked.Increment(ref _badPackets);
                return;
            }

            if (Statistics.Update(packet, arrival) == RtpReceiveOutcome.Accepted)
            {
                onRtp(packet, remote, arrival);
            }
        }
        catch (Exception ex)
        {
            // A callback's bug must not end the leg's reception.
            Interlocked.Increment(ref _handlerErrors);
            RtpLog.HandlerFailed(_logger, LocalEndPoint.ToString(), ex);
        }
    }

    private IPEndPoint RemoteOf(SocketAddress address)
    {
        if (_lastRemote is not null && address.Equals(_lastAddress))
        {
            return _lastRemote;
        }

        // The peer changed (or first packet): build its IPEndPoint once and remember the address.
        var remote = (IPEndPoint)LocalEndPoint.Create(address);
        if (remote.Address.IsIPv4MappedToIPv6)
        {
            remote = new IPEndPoint(remote.Address.MapToIPv4(), remote.Port);
        }

        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        _lastAddress = copy;
        _lastRemote = remote;
        return remote;
    }
}
