using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CallService.Sip.Transport;

/// <summary>A listening TCP socket and its accept loop; accepted sockets go to the connection table.</summary>
internal sealed class SipTcpListener
{
    private readonly Socket _socket;
    private readonly SipTcpConnectionTable _table;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Task _loop = Task.CompletedTask;
    private volatile bool _stopping;

    private SipTcpListener(Socket socket, SipTcpConnectionTable table, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _table = table;
        _time = time;
        _logger = logger;
        LocalEndPoint = new SipEndPoint(SipProtocol.Tcp, (IPEndPoint)socket.LocalEndPoint!);
    }

    public SipEndPoint LocalEndPoint { get; }

    public static SipTcpListener Bind(IPEndPoint endPoint, SipTransportOptions options, SipTcpConnectionTable table, TimeProvider time, ILogger logger)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false; // "::" serves IPv6 only; 0.0.0.0 is listed separately
            }

            if (!OperatingSystem.IsWindows())
            {
                // Restart without waiting for TIME_WAIT connections (on Windows this flag would allow port theft).
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            // Receive/send buffers are left to TCP auto-tuning: fixing SO_RCVBUF would switch it off.
            socket.Bind(endPoint);
            socket.Listen(options.ListenBacklog);
            return new SipTcpListener(socket, table, time, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Start() => _loop = AcceptLoopAsync();

    public Task StopAsync()
    {
        _stopping = true;
        _socket.Dispose(); // aborts the pending accept
        return _loop;
    }

    private async Task AcceptLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (!_stopping)
            {
                Socket accepted;
                try
                {
                    accepted = await _socket.AcceptAsync().ConfigureAwait(false);
                }
                catch (SocketException) when (_stopping)
                {
                    break;
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
                catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
                {
                    continue; // the peer gave up before we accepted it
                }
                catch (SocketException exception)
                {
                    // e.g. out of file descriptors: back off a little instead of spinning.
                    SipTransportLog.AcceptFailed(_logger, LocalEndPoint, exception.SocketErrorCode);
                    await Task.Delay(TimeSpan.FromMilliseconds(50), _time).ConfigureAwait(false);
                    continue;
                }

                _table.Accept(accepted);
            }
        }
#pragma warning disable CA1031 // logged: a dead accept loop must be visible
        catch (Exception exception) when (!_stopping)
#pragma warning restore CA1031
        {
            SipTransportLog.AcceptLoopFailed(_logger, exception, LocalEndPoint);
        }
    }
}
