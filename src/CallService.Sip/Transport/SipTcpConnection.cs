using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CallService.Sip.Transport;

/// <summary>
/// One TCP connection, accepted or opened by us: one read loop that frames the stream (RFC 3261 18.3) and hands
/// each message to the dispatcher, and serialised whole-message sends. Closed on EOF, framing error, idle
/// timeout, send failure or stop.
/// </summary>
internal sealed class SipTcpConnection
{
    // A typical SIP message fits; bigger ones grow the buffer up to the framer's limit.
    private const int InitialBufferSize = 4096;

    private static readonly ReadOnlyMemory<byte> Pong = "\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly SipTcpConnectionTable _table;
    private readonly TcpFramer _framer;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private long _lastActivity;
    private int _closed;
    private string _closeReason = "open";

    public SipTcpConnection(long id, Socket socket, SipTcpConnectionTable table)
    {
        Id = id;
        _socket = socket;
        _table = table;
        _framer = new TcpFramer(table.Options.MaxHeaderBlockSize, table.Options.MaxBodySize);
        Remote = new SipEndPoint(SipProtocol.Tcp, (IPEndPoint)socket.RemoteEndPoint!);
        Local = new SipEndPoint(SipProtocol.Tcp, (IPEndPoint)socket.LocalEndPoint!);
        _lastActivity = table.Time.GetTimestamp();
    }

    public long Id { get; }

    public SipEndPoint Remote { get; }

    public SipEndPoint Local { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Timestamp of the last byte read or written.</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    public void Start() => _ = ReadLoopAsync();

    /// <summary>Writes one whole message; concurrent callers are serialised so messages never interleave.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (IsClosed)
        {
            throw Closed();
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsClosed)
            {
                throw Closed();
            }

            ValueTask<int> send = _socket.SendAsync(data, SocketFlags.None, cancellationToken);
            if (send.IsCompleted)
            {
                await send.ConfigureAwait(false);
            }
            else
            {
                // A peer that stops reading fills its window; do not hold the sender forever.
                using ITimer timeout = _table.Time.CreateTimer(
                    static state => ((SipTcpConnection)state!).Close("send timeout"), this, _table.Options.SendTimeout, Timeout.InfiniteTimeSpan);
                await send.ConfigureAwait(false);
            }

            Touch();
            _table.Counters.Sent(data.Length);
        }
        catch (OperationCanceledException)
        {
            // Part of the message may be on the wire: the stream can no longer be framed by the peer.
            Close("send cancelled");
            throw;
        }
        catch (SocketException exception)
        {
            Close("send failed");
            throw new SipTransportException(SipTransportError.SendFailed, Remote,
                $"TCP send on connection {Id} to {Remote.EndPoint} failed: {exception.SocketErrorCode} ({_closeReason})", exception.SocketErrorCode, exception);
        }
        catch (ObjectDisposedException exception)
        {
            throw new SipTransportException(SipTransportError.SendFailed, Remote,
                $"TCP connection {Id} to {Remote.EndPoint} closed during the send ({_closeReason})", SocketError.Shutdown, exception);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes the socket (idempotent); the read loop then ends and the table forgets the connection.</summary>
    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _closeReason = reason;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // already reset by the peer
        }
        catch (ObjectDisposedException)
        {
            // already closed
        }

        _socket.Dispose();
        _table.OnClosed(this, reason);
    }

    private SipTransportException Closed() =>
        new(SipTransportError.ConnectionClosed, Remote, $"TCP connection {Id} to {Remote.EndPoint} is closed ({_closeReason})");

    private void Touch() => Volatile.Write(ref _lastActivity, _table.Time.GetTimestamp());

    private async Task ReadLoopAsync()
    {
        await Task.Yield(); // frame on the pool, not on the accept loop or the sender that connected

        byte[]? buffer = null;
        int start = 0;
        int end = 0;
        int wanted = 0; // whole frame length when the framer knows it
        string reason = "closed by peer";
        try
        {
            while (true)
            {
                if (start == end)
                {
                    if (buffer is not null)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = null;
                    }

                    start = end = 0;

                    // Kestrel's habit: wait for data with a zero-byte read before taking a buffer, so thousands of
                    // idle registered connections hold no receive memory.
                    await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                    buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
                }
                else if (end == buffer!.Length)
                {
                    buffer = MakeRoom(buffer, ref start, ref end, wanted);
                }

                int read = await _socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                end += read;
                long timestamp = _table.Time.GetTimestamp();
                Volatile.Write(ref _lastActivity, timestamp);
                Interlocked.Add(ref _table.Counters.StreamBytesReceived, read);

                while (start < end)
                {
                    TcpFrame frame = _framer.Next(buffer.AsSpan(start, end - start));
                    if (frame.Kind == TcpFrameKind.NeedMoreData)
                    {
                        wanted = frame.Length;
                        break;
                    }

                    wanted = 0;
                    switch (frame.Kind)
                    {
                        case TcpFrameKind.Message:
                            Interlocked.Increment(ref _table.Counters.StreamMessagesReceived);
                            var packet = new SipInboundPacket(buffer.AsMemory(start, frame.Length), Remote, Local, Id, timestamp);
                            _table.Dispatcher.Dispatch(in packet);
                            break;
                        case TcpFrameKind.KeepAlivePing:
                            // RFC 5626 3.5.1: answer a double-CRLF ping with a single CRLF pong.
                            await SendAsync(Pong, CancellationToken.None).ConfigureAwait(false);
                            Interlocked.Increment(ref _table.Counters.KeepAlivePingsAnswered);
                            break;
                        case TcpFrameKind.KeepAlivePong:
                            break;
                        default:
                            Interlocked.Increment(ref _table.Counters.FramingErrors);
                            SipTransportLog.FramingError(_table.Logger, Id, Remote, frame.Error);
                            reason = $"framing error {frame.Error}";
                            return;
                    }

                    start += frame.Length;
                }
            }
        }
        catch (SocketException exception)
        {
            reason = IsClosed ? _closeReason : $"socket error {exception.SocketErrorCode}";
        }
        catch (ObjectDisposedException)
        {
            reason = _closeReason;
        }
        catch (SipTransportException exception)
        {
            reason = $"pong failed: {exception.Error}";
        }
#pragma warning disable CA1031 // the loop must always release its buffer and close
        catch (Exception exception)
#pragma warning restore CA1031
        {
            reason = $"read loop failed: {exception.GetType().Name}";
        }
        finally
        {
            Close(reason);
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // The buffer is full and the frame is not complete: slide the partial frame to the front, growing the buffer
    // if the frame needs more room (up to the framer's limit, which the framer enforces).
    private byte[] MakeRoom(byte[] buffer, ref int start, ref int end, int wanted)
    {
        int pending = end - start;
        int needed = Math.Max(wanted, pending + 1);
        if (needed <= buffer.Length)
        {
            buffer.AsSpan(start, pending).CopyTo(buffer);
            start = 0;
            end = pending;
            return buffer;
        }

        int size = Math.Min(Math.Max(needed, buffer.Length * 2), _framer.MaxFrameLength);
        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(size, needed));
        buffer.AsSpan(start, pending).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        start = 0;
        end = pending;
        return larger;
    }
}
