using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CallService.Sip.Transport;

/// <summary>
/// Every open TCP connection, by id and by remote endpoint, whichever side opened it, so a message to a peer
/// reuses the connection the peer opened (RFC 3261 18.2.2, 18.3). Enforces the connection limit, opens outbound
/// connections (one connect per remote at a time however many senders wait), and closes idle connections.
/// </summary>
internal sealed class SipTcpConnectionTable
{
    private readonly ConcurrentDictionary<long, SipTcpConnection> _byId = new();
    private readonly ConcurrentDictionary<IPEndPoint, SipTcpConnection> _byRemote = new();
    private readonly Dictionary<IPEndPoint, TaskCompletionSource<SipTcpConnection>> _connecting = [];
    private readonly CancellationTokenSource _stopping = new();
    private long _lastId;

    public SipTcpConnectionTable(SipTransportOptions options, SipTransportCounters counters, SipPacketDispatcher dispatcher, TimeProvider time, ILogger logger)
    {
        Options = options;
        Counters = counters;
        Dispatcher = dispatcher;
        Time = time;
        Logger = logger;
    }

    public SipTransportOptions Options { get; }

    public SipTransportCounters Counters { get; }

    public SipPacketDispatcher Dispatcher { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    /// <summary>Local addresses of the TCP listeners: outbound connections leave from the matching one.</summary>
    public IReadOnlyList<IPEndPoint> ListenEndPoints { get; set; } = [];

    public int Count => _byId.Count;

    public SipTcpConnection? Find(long connectionId) =>
        _byId.TryGetValue(connectionId, out SipTcpConnection? connection) && !connection.IsClosed ? connection : null;

    public SipTcpConnection? Find(IPEndPoint remote) =>
        _byRemote.TryGetValue(remote, out SipTcpConnection? connection) && !connection.IsClosed ? connection : null;

    /// <summary>Takes an accepted socket, or refuses it when the limit is reached.</summary>
    public void Accept(Socket socket)
    {
        if (!TryReserve())
        {
            Interlocked.Increment(ref Counters.TcpConnectionsRejected);
            SipTransportLog.ConnectionLimit(Logger, new SipEndPoint(SipProtocol.Tcp, socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0)), Options.MaxConnections);
            try
            {
                socket.LingerState = new LingerOption(true, 0); // reset: tell the peer at once
            }
            catch (SocketException)
            {
                // the peer is gone already
            }

            socket.Dispose();
            return;
        }

        try
        {
            Register(socket, "accepted");
            Interlocked.Increment(ref Counters.TcpConnectionsAccepted);
        }
        catch (SocketException)
        {
            // Reset before we looked at it (no peer address any more): nothing to serve.
            Interlocked.Decrement(ref Counters.TcpConnectionsOpen);
            socket.Dispose();
        }
    }

    /// <summary>Returns the open connection to <paramref name="remote"/>, connecting if there is none.</summary>
    public async ValueTask<SipTcpConnection> GetOrConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        if (Find(remote) is { } open)
        {
            return open;
        }

        TaskCompletionSource<SipTcpConnection>? connecting;
        bool mine = false;
        lock (_connecting)
        {
            if (!_connecting.TryGetValue(remote, out connecting))
            {
                connecting = new TaskCompletionSource<SipTcpConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
                _connecting.Add(remote, connecting);
                mine = true;
            }
        }

        if (mine)
        {
            // Not tied to this caller's token: other senders may be waiting on the same connect.
            _ = ConnectAsync(remote, connecting);
        }

        return await connecting.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes connections with no traffic for <see cref="SipTransportOptions.IdleTimeout"/>.</summary>
    public void CloseIdle()
    {
        foreach (KeyValuePair<long, SipTcpConnection> entry in _byId)
        {
            if (Time.GetElapsedTime(entry.Value.LastActivity) >= Options.IdleTimeout)
            {
                Interlocked.Increment(ref Counters.TcpConnectionsIdleClosed);
                entry.Value.Close("idle timeout");
            }
        }
    }

    public void CloseAll()
    {
        _stopping.Cancel();
        foreach (KeyValuePair<long, SipTcpConnection> entry in _byId)
        {
            entry.Value.Close("transport stopped");
        }
    }

    /// <summary>Called once by a connection when it closes.</summary>
    public void OnClosed(SipTcpConnection connection, string reason)
    {
        if (_byId.TryRemove(connection.Id, out _))
        {
            Interlocked.Decrement(ref Counters.TcpConnectionsOpen);
        }

        _byRemote.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(connection.Remote.EndPoint, connection));
        SipTransportLog.ConnectionClosed(Logger, connection.Id, connection.Remote, reason);
    }

    private async Task ConnectAsync(IPEndPoint remote, TaskCompletionSource<SipTcpConnection> connecting)
    {
        var destination = new SipEndPoint(SipProtocol.Tcp, remote);
        try
        {
            connecting.TrySetResult(await ConnectCoreAsync(remote, destination).ConfigureAwait(false));
        }
        catch (SipTransportException exception)
        {
            connecting.TrySetException(exception);
        }
        finally
        {
            lock (_connecting)
            {
                _connecting.Remove(remote);
            }
        }
    }

    private async Task<SipTcpConnection> ConnectCoreAsync(IPEndPoint remote, SipEndPoint destination)
    {
        if (_stopping.IsCancellationRequested)
        {
            throw new SipTransportException(SipTransportError.Stopped, destination, "the SIP transport is stopped");
        }

        if (!TryReserve())
        {
            throw new SipTransportException(SipTransportError.ConnectionLimit, destination, $"{Options.MaxConnections} TCP connections are open");
        }

        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        bool registered = false;
        try
        {
            // Leave from the listener's address when it is a specific one, so the peer sees the address we announce
            // (a loopback listener is only a source for loopback destinations: it cannot route anywhere else).
            foreach (IPEndPoint listen in ListenEndPoints)
            {
                if (listen.AddressFamily == remote.AddressFamily && !SipTransportOptions.IsWildcard(listen.Address)
                    && IPAddress.IsLoopback(listen.Address) == IPAddress.IsLoopback(remote.Address))
                {
                    socket.Bind(new IPEndPoint(listen.Address, 0));
                    break;
                }
            }

            using var timeout = new CancellationTokenSource(Options.ConnectTimeout, Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
            try
            {
                await socket.ConnectAsync(remote, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
            {
                throw new SipTransportException(SipTransportError.ConnectTimeout, destination,
                    $"TCP connect to {remote} took longer than {Options.ConnectTimeout}", SocketError.TimedOut, exception);
            }
            catch (OperationCanceledException exception)
            {
                throw new SipTransportException(SipTransportError.Stopped, destination, "the SIP transport stopped during the connect", SocketError.OperationAborted, exception);
            }
            catch (SocketException exception)
            {
                throw new SipTransportException(SipTransportError.ConnectFailed, destination,
                    $"TCP connect to {remote} failed: {exception.SocketErrorCode}", exception.SocketErrorCode, exception);
            }

            Interlocked.Increment(ref Counters.TcpConnectionsOpened);
            SipTcpConnection connection = Register(socket, "connected");
            registered = true;
            return connection;
        }
        finally
        {
            if (!registered)
            {
                Interlocked.Decrement(ref Counters.TcpConnectionsOpen);
                socket.Dispose();
            }
        }
    }

    private bool TryReserve()
    {
        if (Interlocked.Increment(ref Counters.TcpConnectionsOpen) <= Options.MaxConnections)
        {
            return true;
        }

        Interlocked.Decrement(ref Counters.TcpConnectionsOpen);
        return false;
    }

    // The slot is already reserved (TcpConnectionsOpen counts it).
    private SipTcpConnection Register(Socket socket, string direction)
    {
        socket.NoDelay = true; // SIP messages are small and latency counts (Timer A starts at 500 ms)
        var connection = new SipTcpConnection(Interlocked.Increment(ref _lastId), socket, this);
        _byId[connection.Id] = connection;
        _byRemote[connection.Remote.EndPoint] = connection;
        SipTransportLog.ConnectionOpened(Logger, connection.Id, connection.Remote, connection.Local, direction);
        if (_stopping.IsCancellationRequested)
        {
            connection.Close("transport stopped");
        }
        else
        {
            connection.Start();
        }

        return connection;
    }
}
