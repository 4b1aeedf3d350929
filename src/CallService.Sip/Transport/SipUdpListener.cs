using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CallService.Sip.Transport;

/// <summary>
/// One UDP socket: exactly one receive loop (no task or thread per datagram) and sends that leave from the same
/// socket, so the source port of everything we send is our SIP port (RFC 3261 18.2.2, RFC 3581 4).
/// </summary>
internal sealed class SipUdpListener
{
    // Larger than any UDP payload (IPv6: 65,527), so the OS never truncates a datagram silently.
    private const int ReceiveBufferLength = 64 * 1024;

    private readonly Socket _socket;
    private readonly SipTransportOptions _options;
    private readonly SipTransportCounters _counters;
    private readonly SipPacketDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Task _loop = Task.CompletedTask;
    private volatile bool _stopping;

    private SipUdpListener(Socket socket, SipTransportOptions options, SipTransportCounters counters, SipPacketDispatcher dispatcher, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _options = options;
        _counters = counters;
        _dispatcher = dispatcher;
        _time = time;
        _logger = logger;
        LocalEndPoint = new SipEndPoint(SipProtocol.Udp, (IPEndPoint)socket.LocalEndPoint!);
    }

    public SipEndPoint LocalEndPoint { get; }

    public AddressFamily AddressFamily => _socket.AddressFamily;

    /// <summary>The socket itself, for sends the kernel times (<see cref="TimedDatagramSender"/>).</summary>
    internal Socket Socket => _socket;

    public static SipUdpListener Bind(IPEndPoint endPoint, SipTransportOptions options, SipTransportCounters counters, SipPacketDispatcher dispatcher, TimeProvider time, ILogger logger)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false; // "::" serves IPv6 only; 0.0.0.0 is listed separately
            }

            socket.ReceiveBufferSize = options.SocketReceiveBufferSize;
            socket.SendBufferSize = options.SocketSendBufferSize;
            if (OperatingSystem.IsWindows())
            {
                // SIO_UDP_CONNRESET off: an ICMP port-unreachable must not fail the next receive.
                const int SioUdpConnReset = -1744830452;
                socket.IOControl(SioUdpConnReset, [0, 0, 0, 0], null);
            }

            socket.Bind(endPoint);
            var listener = new SipUdpListener(socket, options, counters, dispatcher, time, logger);
            if (socket.ReceiveBufferSize < options.SocketReceiveBufferSize)
            {
                SipTransportLog.SocketBufferCapped(logger, listener.LocalEndPoint, socket.ReceiveBufferSize, options.SocketReceiveBufferSize);
            }

            return listener;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Start() => _loop = ReceiveLoopAsync();

    public Task StopAsync()
    {
        _stopping = true;
        _socket.Dispose(); // aborts the pending receive; the loop ends
        return _loop;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var destination = new SipEndPoint(SipProtocol.Udp, remote);
        if (data.Length > _options.MaxDatagramSize)
        {
            throw new SipTransportException(SipTransportError.MessageTooLarge, destination,
                $"{data.Length} bytes exceed the datagram limit of {_options.MaxDatagramSize}; RFC 3261 18.1.1 sends large requests over TCP");
        }

        try
        {
            await _socket.SendToAsync(data, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            SipTransportError error = exception.SocketErrorCode == SocketError.MessageSize ? SipTransportError.MessageTooLarge : SipTransportError.SendFailed;
            throw new SipTransportException(error, destination, $"UDP send to {remote} failed: {exception.SocketErrorCode}", exception.SocketErrorCode, exception);
        }
        catch (ObjectDisposedException exception)
        {
            throw new SipTransportException(SipTransportError.Stopped, destination, "the UDP socket is closed", SocketError.Shutdown, exception);
        }

        _counters.Sent(data.Length);
    }

    private async Task ReceiveLoopAsync()
    {
        await Task.Yield(); // run on the pool, not on the caller of Start

        // One buffer for the socket's lifetime, pinned once (it is in use by every receive).
        byte[] buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferLength, pinned: true);
        var address = new SocketAddress(_socket.AddressFamily);
        var remotes = new RemoteEndPointCache(_socket.AddressFamily);
        int consecutiveErrors = 0;
        try
        {
            while (!_stopping)
            {
                int length;
                try
                {
                    // .NET 8+: fills the reused SocketAddress; no EndPoint allocated per datagram.
                    length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, address).ConfigureAwait(false);
                    consecutiveErrors = 0;
                }
                catch (SocketException exception) when (!_stopping && IsTransient(exception.SocketErrorCode))
                {
                    CountReceiveError(exception.SocketErrorCode);
                    if (++consecutiveErrors >= 100)
                    {
                        // Something is persistently wrong: do not spin a core on it.
                        await Task.Delay(TimeSpan.FromMilliseconds(100), _time).ConfigureAwait(false);
                        consecutiveErrors = 0;
                    }

                    continue;
                }
                catch (SocketException) when (_stopping)
                {
                    break;
                }
                catch (ObjectDisposedException)
                {
                    break;
                }

                Receive(buffer.AsMemory(0, length), address, remotes);
            }
        }
#pragma warning disable CA1031 // logged: a dead loop must be visible
        catch (Exception exception) when (!_stopping)
#pragma warning restore CA1031
        {
            SipTransportLog.UdpLoopFailed(_logger, exception, LocalEndPoint);
        }
    }

    private void Receive(ReadOnlyMemory<byte> datagram, SocketAddress address, RemoteEndPointCache remotes)
    {
        long timestamp = _time.GetTimestamp();
        Interlocked.Increment(ref _counters.DatagramsReceived);
        Interlocked.Add(ref _counters.DatagramBytesReceived, datagram.Length);
        if (datagram.IsEmpty)
        {
            Interlocked.Increment(ref _counters.DatagramsDroppedEmpty);
            return;
        }

        if (datagram.Length > _options.MaxDatagramSize)
        {
            Interlocked.Increment(ref _counters.DatagramsDroppedOversized);
            return;
        }

        if (datagram.Span.IndexOfAnyExcept((byte)'\r', (byte)'\n') < 0)
        {
            // CRLF keep-alives (RFC 5626 3.5.1 style, sent over UDP by many phones): nothing to answer.
            Interlocked.Increment(ref _counters.DatagramsDroppedKeepAlive);
            return;
        }

        var remote = new SipEndPoint(SipProtocol.Udp, remotes.Get(address));
        var packet = new SipInboundPacket(datagram, remote, LocalEndPoint, connectionId: 0, timestamp);
        _dispatcher.Dispatch(in packet);
    }

    private void CountReceiveError(SocketError error)
    {
        switch (error)
        {
            case SocketError.ConnectionReset:
                // ICMP port unreachable for an earlier send (Windows, or Linux with IP_RECVERR): not our receive's fault.
                Interlocked.Increment(ref _counters.UdpConnectionResetsIgnored);
                break;
            case SocketError.MessageSize:
                Interlocked.Increment(ref _counters.DatagramsReceived);
                Interlocked.Increment(ref _counters.DatagramsDroppedOversized);
                break;
            default:
                Interlocked.Increment(ref _counters.UdpReceiveErrors);
                SipTransportLog.UdpReceiveFailed(_logger, LocalEndPoint, error);
                break;
        }
    }

    private static bool IsTransient(SocketError error) =>
        error is not (SocketError.OperationAborted or SocketError.Interrupted or SocketError.NotSocket or SocketError.Shutdown);
}
