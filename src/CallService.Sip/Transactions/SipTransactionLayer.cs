using System.Collections.Concurrent;
using CallService.Sip.Messages;
using CallService.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace CallService.Sip.Transactions;

/// <summary>
/// The transaction layer (RFC 3261 17): transactions in one dictionary by key, matched per 17.1.3
/// and 17.2.3, their timers on one <see cref="SipTimerQueue"/>. It takes parsed messages from the
/// layer below, hands new requests and stray messages to the TU, and sends through <see cref="ISipSender"/>.
/// </summary>
public sealed partial class SipTransactionLayer : IDisposable
{
    private readonly ConcurrentDictionary<TransactionKey, SipTransaction> _transactions = new();
    private readonly ISipSender _sender;
    private readonly ILogger _logger;
    private ISipTransactionUser? _user;
    private long _retransmissions;
    private long _created;

    public SipTransactionLayer(ISipSender sender, TimeProvider time, SipTimerOptions? timers = null, ILogger? logger = null)
    {
        _sender = sender;
        Timers = timers ?? SipTimerOptions.Default;
        TimerQueue = new SipTimerQueue(time);
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public SipTimerOptions Timers { get; }

    public SipTimerQueue TimerQueue { get; }

    /// <summary>Transactions alive now.</summary>
    public int Count => _transactions.Count;

    /// <summary>Transactions created since start.</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Requests and responses sent again by timers A, E, G or on a peer's retransmission.</summary>
    public long Retransmissions => Interlocked.Read(ref _retransmissions);

    /// <summary>The TU; set once before traffic flows.</summary>
    public void SetUser(ISipTransactionUser user) => _user = user;

    private ISipTransactionUser User => _user ?? throw new InvalidOperationException("No transaction user was set.");

    /// <summary>A request from the network, already parsed and with received/rport applied (RFC 3261 18.2.1).</summary>
    public void OnRequest(SipRequest request, SipEndPoint source, SipEndPoint responseDestination)
    {
        var key = TransactionKey.ForServer(request);
        if (request.Method == SipMethod.Ack)
        {
            if (_transactions.TryGetValue(key, out var tx) && tx is ServerInviteTransaction invite)
            {
                if (!invite.OnAck())
                {
                    return; // absorbed: it confirmed a non-2xx final response
                }
            }
            User.OnAck(request, source);
            return;
        }

        if (_transactions.TryGetValue(key, out var existing))
        {
            ((ServerTransaction)existing).OnRequestRetransmission();
            return;
        }

        ServerTransaction created = request.Method == SipMethod.Invite
            ? new ServerInviteTransaction(this, request, source, responseDestination)
            : new ServerNonInviteTransaction(this, request, source, responseDestination);
        if (!_transactions.TryAdd(key, created))
        {
            // Two copies raced in on different threads: the other one owns the transaction.
            if (_transactions.TryGetValue(key, out existing))
            {
                ((ServerTransaction)existing).OnRequestRetransmission();
            }
            return;
        }
        Interlocked.Increment(ref _created);

        if (created is ServerInviteTransaction)
        {
            // RFC 3261 17.2.1: 100 Trying at once, so the client stops retransmitting.
            created.Respond(100);
        }
        else if (request.Method == SipMethod.Cancel)
        {
            OnCancel((ServerNonInviteTransaction)created, key);
            return;
        }
        User.OnRequest(created);
    }

    /// <summary>RFC 3261 9.2: CANCEL matches the INVITE by its transaction key; 200 to the CANCEL,
    /// the TU then answers the INVITE with 487; 481 when nothing matches.</summary>
    private void OnCancel(ServerNonInviteTransaction cancel, TransactionKey key)
    {
        if (_transactions.TryGetValue(key.WithMethod("INVITE"), out var tx) && tx is ServerInviteTransaction invite)
        {
            cancel.Respond(200);
            if (invite.MarkCancelled())
            {
                invite.RaiseCancelRequested();
            }
            return;
        }
        cancel.Respond(481);
    }

    /// <summary>A response from the network (RFC 3261 18.1.2 already checked the Via sent-by).</summary>
    public void OnResponse(SipResponse response, SipEndPoint source)
    {
        var key = TransactionKey.ForResponse(response);
        if (_transactions.TryGetValue(key, out var tx) && tx is ClientTransaction client)
        {
            client.OnResponse(response);
            return;
        }
        User.OnStrayResponse(response, source);
    }

    /// <summary>Creates and starts a client transaction for <paramref name="request"/> (its top Via
    /// must carry a fresh branch). Set <see cref="ClientTransaction.ResponseReceived"/> via <paramref name="onResponse"/>.</summary>
    public ClientTransaction StartClient(SipRequest request, SipEndPoint destination, Action<ClientTransaction, SipResponse>? onResponse = null)
    {
        if (request.Method == SipMethod.Ack)
        {
            throw new ArgumentException("An ACK is not sent in a transaction (RFC 3261 17.1.1.3, 13.2.2.4).", nameof(request));
        }
        ClientTransaction tx = request.Method == SipMethod.Invite
            ? new ClientInviteTransaction(this, request, destination)
            : new ClientNonInviteTransaction(this, request, destination);
        tx.ResponseReceived = onResponse;
        if (!_transactions.TryAdd(tx.Key, tx))
        {
            throw new InvalidOperationException($"A client transaction with branch {tx.Key.Branch} already exists.");
        }
        Interlocked.Increment(ref _created);
        tx.Start();
        return tx;
    }

    /// <summary>Sends a message outside any transaction (a 2xx ACK, a 2xx retransmission, a stateless reply).</summary>
    public void SendStateless(byte[] bytes, SipEndPoint destination) => Send(null, bytes, destination);

    internal void CountRetransmission() => Interlocked.Increment(ref _retransmissions);

    /// <summary>Has the transport send at an instant (<see cref="ISipSender.TrySendAt"/>); null when it cannot.</summary>
    internal ScheduledDatagram? TrySendAt(byte[] bytes, SipEndPoint destination, long timestamp)
    {
        try
        {
            return _sender.TrySendAt(bytes, destination, timestamp);
        }
        catch (Exception ex)
        {
            OnSendFailed(null, destination, ex);
            return null;
        }
    }

    internal void Send(SipTransaction? owner, byte[] bytes, SipEndPoint destination)
    {
        ValueTask pending;
        try
        {
            pending = _sender.SendAsync(bytes, destination, CancellationToken.None);
        }
        catch (Exception ex)
        {
            OnSendFailed(owner, destination, ex);
            return;
        }
        if (pending.IsCompletedSuccessfully)
        {
            return;
        }
        _ = AwaitSend(pending, owner, destination);
    }

    private async Task AwaitSend(ValueTask pending, SipTransaction? owner, SipEndPoint destination)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OnSendFailed(owner, destination, ex);
        }
    }

    private void OnSendFailed(SipTransaction? owner, SipEndPoint destination, Exception ex)
    {
        LogSendFailed(_logger, destination.ToString(), owner?.Key.Branch, ex.Message);
        owner?.OnTransportError(ex);
    }

    internal void Remove(SipTransaction tx) => _transactions.TryRemove(new KeyValuePair<TransactionKey, SipTransaction>(tx.Key, tx));

    public void Dispose()
    {
        foreach (var tx in _transactions.Values)
        {
            switch (tx)
            {
                case ClientTransaction c: c.Abort(); break;
                case ServerTransaction s: s.Abort(); break;
            }
        }
        _transactions.Clear();
        TimerQueue.Dispose();
    }

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Send to {Destination} failed (branch {Branch}): {Error}")]
    private static partial void LogSendFailed(ILogger logger, string destination, string? branch, string error);
}
