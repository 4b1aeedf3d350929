using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Transactions;

/// <summary>
/// RFC 3261 17.2.1 (figure 7) with RFC 6026: Proceeding -> Completed (non-2xx) -> Confirmed (ACK)
/// -> Terminated, or Proceeding -> Accepted (2xx; the UAS core retransmits it, 13.3.1.4) -> Terminated.
/// </summary>
public sealed class ServerInviteTransaction : ServerTransaction
{
    private SipTimerHandle? _timerG;
    private SipTimerHandle? _timerH;
    private SipTimerHandle? _timerI; // also Timer L in Accepted
    private TimeSpan _intervalG;
    private byte[]? _lastResponseBytes;
    private int _cancelled;

    internal ServerInviteTransaction(SipTransactionLayer layer, SipRequest invite, SipEndPoint source, SipEndPoint responseDestination)
        : base(layer, invite, source, responseDestination, TransactionState.Proceeding)
    {
    }

    /// <summary>Raised once when a CANCEL for this INVITE arrives (RFC 3261 9.2); the layer has
    /// already answered the CANCEL with 200. The TU answers the INVITE with 487 if still unanswered.</summary>
    public event Action<ServerInviteTransaction>? CancelRequested;

    /// <summary>True once a CANCEL matched this INVITE.</summary>
    public bool IsCancelled => Volatile.Read(ref _cancelled) == 1;

    public override void SendResponse(SipResponse response) => Respond(response, transmit: true);

    /// <summary>
    /// Hands a serialised 2xx to the transport to leave at <paramref name="timestamp"/> without
    /// changing state: the TU confirms it at that instant (<see cref="RespondAlreadySent"/>), or
    /// withdraws it (<see cref="ScheduledDatagram.TryCancel"/>) to answer otherwise. Null while
    /// not Proceeding, or when the transport cannot time a send.
    /// </summary>
    internal ScheduledDatagram? ScheduleResponse(byte[] bytes, long timestamp)
    {
        lock (Gate)
        {
            if (CurrentState != TransactionState.Proceeding)
            {
                return null;
            }
        }
        return Layer.TrySendAt(bytes, Peer, timestamp);
    }

    /// <summary>Moves the transaction on for a 2xx that the transport already put on the wire
    /// (<see cref="ScheduleResponse"/>), as <see cref="SendResponse"/> would, without sending it again.</summary>
    internal void RespondAlreadySent(SipResponse response) => Respond(response, transmit: false);

    private void Respond(SipResponse response, bool transmit)
    {
        int code = response.StatusCode;
        byte[]? bytes = transmit || code is < 200 or >= 300 ? SipWriter.ToBytes(response) : null;
        lock (Gate)
        {
            if (CurrentState != TransactionState.Proceeding)
            {
                return; // a final response was already sent
            }
            // Kept to resend on a retransmitted INVITE (Proceeding, Completed); a 2xx is the UAS
            // core's to retransmit (RFC 3261 13.3.1.4), so no copy of it is kept here.
            _lastResponseBytes = code is >= 200 and < 300 ? null : bytes;
            if (code >= 200)
            {
                // RFC 3261 9.2: a CANCEL after the final response has no effect on the INVITE, so
                // the TU's handler is let go here. The transaction lingers 64*T1 (Timer L or H) to
                // absorb retransmissions, and must not keep the TU's whole call reachable for that
                // long: at 500 calls/s that was 16,000 ended calls, sockets and all, in the heap.
                CancelRequested = null;
                ReleaseRequest(); // and so is the parsed INVITE (the TU keeps its own reference while it needs it)
            }
            if (code >= 200 && code < 300)
            {
                // RFC 6026 7.1: Accepted; Timer L absorbs INVITE retransmissions meanwhile.
                MoveTo(TransactionState.Accepted);
                _timerI = Schedule(Timers.TransactionTimeout, static t => ((ServerInviteTransaction)t).OnTimerL());
            }
            else if (code >= 300)
            {
                MoveTo(TransactionState.Completed);
                if (!IsReliable)
                {
                    _intervalG = Timers.T1;
                    _timerG = Schedule(_intervalG, static t => ((ServerInviteTransaction)t).OnTimerG());
                }
                _timerH = Schedule(Timers.TransactionTimeout, static t => ((ServerInviteTransaction)t).OnTimerH());
            }
        }
        if (transmit)
        {
            Send(bytes!);
        }
    }

    internal override void OnRequestRetransmission()
    {
        byte[]? resend;
        lock (Gate)
        {
            // RFC 3261 17.2.1: Proceeding resends the last provisional, Completed the final;
            // RFC 6026: Accepted absorbs it (the core's 2xx retransmission covers it).
            resend = CurrentState is TransactionState.Proceeding or TransactionState.Completed ? _lastResponseBytes : null;
        }
        if (resend is not null)
        {
            Layer.CountRetransmission();
            Send(resend);
        }
    }

    /// <summary>An ACK matched this transaction: for a non-2xx final it confirms it.</summary>
    /// <returns>True when the ACK belongs to the TU (2xx ACK, RFC 6026 Accepted state).</returns>
    internal bool OnAck()
    {
        lock (Gate)
        {
            if (CurrentState == TransactionState.Accepted)
            {
                return true;
            }
            if (CurrentState != TransactionState.Completed)
            {
                return false;
            }
            _timerG?.Cancel();
            _timerH?.Cancel();
            MoveTo(TransactionState.Confirmed);
            _timerI = Schedule(IsReliable ? TimeSpan.Zero : Timers.T4, static t => ((ServerInviteTransaction)t).OnTimerI());
            return false;
        }
    }

    internal bool MarkCancelled() => Interlocked.Exchange(ref _cancelled, 1) == 0;

    internal void RaiseCancelRequested() => CancelRequested?.Invoke(this);

    private void OnTimerG()
    {
        byte[]? resend;
        lock (Gate)
        {
            if (CurrentState != TransactionState.Completed)
            {
                return;
            }
            _intervalG = TimeSpan.FromTicks(Math.Min(_intervalG.Ticks * 2, Timers.T2.Ticks));
            _timerG = ScheduleNext(_timerG!, _intervalG, static t => ((ServerInviteTransaction)t).OnTimerG());
            resend = _lastResponseBytes;
        }
        Layer.CountRetransmission();
        Send(resend!);
    }

    private void OnTimerH()
    {
        lock (Gate)
        {
            if (CurrentState != TransactionState.Completed || !MoveTo(TransactionState.Terminated))
            {
                return;
            }
        }
        OnTerminated();
        End(TransactionEnd.Timeout); // RFC 3261 17.2.1: no ACK came
        Remove();
    }

    private void OnTimerI() => Finish();

    private void OnTimerL() => Finish();

    private void Finish()
    {
        lock (Gate)
        {
            if (!MoveTo(TransactionState.Terminated))
            {
                return;
            }
        }
        OnTerminated();
        End(TransactionEnd.Response);
        Remove();
    }

    private protected override void OnTerminated()
    {
        _timerG?.Cancel();
        _timerH?.Cancel();
        _timerI?.Cancel();
    }
}
