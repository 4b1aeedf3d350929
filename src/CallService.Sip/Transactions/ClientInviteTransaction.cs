using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Transactions;

/// <summary>
/// RFC 3261 17.1.1 (figure 5) with the RFC 6026 "Accepted" state: Calling -> Proceeding ->
/// Completed (non-2xx, ACK sent here) or Accepted (2xx, ACK is the TU's) -> Terminated.
/// </summary>
public sealed class ClientInviteTransaction : ClientTransaction
{
    private SipTimerHandle? _timerA;
    private SipTimerHandle? _timerB;
    private SipTimerHandle? _timerD; // also used for Timer M in Accepted
    private TimeSpan _intervalA;
    private byte[]? _ackBytes;

    internal ClientInviteTransaction(SipTransactionLayer layer, SipRequest invite, SipEndPoint destination)
        : base(layer, invite, destination, TransactionState.Calling)
    {
    }

    public override void Start()
    {
        lock (Gate)
        {
            // RFC 3261 17.1.1.2: Timer A only on unreliable transports; Timer B always.
            if (!IsReliable)
            {
                _intervalA = Timers.T1;
                _timerA = Schedule(_intervalA, static t => ((ClientInviteTransaction)t).OnTimerA());
            }
            _timerB = Schedule(Timers.TransactionTimeout, static t => ((ClientInviteTransaction)t).OnTimerB());
        }
        Send(RequestBytes);
    }

    private void OnTimerA()
    {
        lock (Gate)
        {
            if (CurrentState != TransactionState.Calling)
            {
                return;
            }
            _intervalA *= 2;
            _timerA = ScheduleNext(_timerA!, _intervalA, static t => ((ClientInviteTransaction)t).OnTimerA());
        }
        Layer.CountRetransmission();
        Send(RequestBytes);
    }

    private void OnTimerB()
    {
        lock (Gate)
        {
            // RFC 3261 17.1.1.2: Timer B times out the transaction while still Calling.
            if (CurrentState != TransactionState.Calling || !MoveTo(TransactionState.Terminated))
            {
                return;
            }
        }
        OnTerminated();
        Complete(TransactionEnd.Timeout, null);
        Remove();
    }

    internal override void OnResponse(SipResponse response)
    {
        int code = response.StatusCode;
        byte[]? resendAck = null;
        bool passUp = false;
        lock (Gate)
        {
            switch (CurrentState)
            {
                case TransactionState.Calling or TransactionState.Proceeding when code < 200:
                    _timerA?.Cancel();
                    MoveTo(TransactionState.Proceeding);
                    passUp = true;
                    break;
                case TransactionState.Calling or TransactionState.Proceeding when code < 300:
                    // RFC 6026 7.2: 2xx moves to Accepted; Timer M keeps absorbing 2xx for the TU.
                    _timerA?.Cancel();
                    _timerB?.Cancel();
                    MoveTo(TransactionState.Accepted);
                    _timerD = Schedule(Timers.TransactionTimeout, static t => ((ClientInviteTransaction)t).OnTimerD());
                    passUp = true;
                    break;
                case TransactionState.Calling or TransactionState.Proceeding:
                    // RFC 3261 17.1.1.2: non-2xx final: ACK it here, wait Timer D for retransmissions.
                    _timerA?.Cancel();
                    _timerB?.Cancel();
                    MoveTo(TransactionState.Completed);
                    _ackBytes = SipWriter.ToBytes(BuildAck(response));
                    resendAck = _ackBytes;
                    _timerD = Schedule(IsReliable ? TimeSpan.Zero : TimeSpan.FromSeconds(32),
                        static t => ((ClientInviteTransaction)t).OnTimerD());
                    passUp = true;
                    break;
                case TransactionState.Completed when code >= 300:
                    resendAck = _ackBytes; // a retransmitted final response: ACK again, do not pass up
                    break;
                case TransactionState.Accepted when code is >= 200 and < 300:
                    passUp = true; // retransmission or another fork's 2xx: the TU ACKs it
                    break;
            }
        }
        if (resendAck is not null)
        {
            Send(resendAck);
        }
        if (passUp)
        {
            PassUp(response);
            if (code >= 200)
            {
                Complete(TransactionEnd.Response, response);
            }
        }
    }

    private void OnTimerD()
    {
        lock (Gate)
        {
            if (!MoveTo(TransactionState.Terminated))
            {
                return;
            }
        }
        OnTerminated();
        Remove();
    }

    /// <summary>RFC 3261 17.1.1.3: the ACK for a non-2xx final response carries the response's To (its tag).</summary>
    private SipRequest BuildAck(SipResponse response) =>
        InviteDerivedRequest.Create(Request, SipMethod.Ack, response.Headers.GetFirst("To")!);

    private protected override void OnTerminated()
    {
        _timerA?.Cancel();
        _timerB?.Cancel();
        _timerD?.Cancel();
    }
}
