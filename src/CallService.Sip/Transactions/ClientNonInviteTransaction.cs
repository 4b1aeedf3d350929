using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Transactions;

/// <summary>RFC 3261 17.1.2 (figure 6): Trying -> Proceeding -> Completed -> Terminated.</summary>
public sealed class ClientNonInviteTransaction : ClientTransaction
{
    private SipTimerHandle? _timerE;
    private SipTimerHandle? _timerF;
    private SipTimerHandle? _timerK;
    private TimeSpan _intervalE;

    internal ClientNonInviteTransaction(SipTransactionLayer layer, SipRequest request, SipEndPoint destination)
        : base(layer, request, destination, TransactionState.Trying)
    {
    }

    public override void Start()
    {
        lock (Gate)
        {
            if (!IsReliable)
            {
                _intervalE = Timers.T1;
                _timerE = Schedule(_intervalE, static t => ((ClientNonInviteTransaction)t).OnTimerE());
            }
            _timerF = Schedule(Timers.TransactionTimeout, static t => ((ClientNonInviteTransaction)t).OnTimerF());
        }
        Send(RequestBytes);
    }

    private void OnTimerE()
    {
        lock (Gate)
        {
            // RFC 3261 17.1.2.2: doubling up to T2 while Trying; every T2 once Proceeding.
            if (CurrentState == TransactionState.Trying)
            {
                _intervalE = TimeSpan.FromTicks(Math.Min(_intervalE.Ticks * 2, Timers.T2.Ticks));
            }
            else if (CurrentState == TransactionState.Proceeding)
            {
                _intervalE = Timers.T2;
            }
            else
            {
                return;
            }
            _timerE = ScheduleNext(_timerE!, _intervalE, static t => ((ClientNonInviteTransaction)t).OnTimerE());
        }
        Layer.CountRetransmission();
        Send(RequestBytes);
    }

    private void OnTimerF()
    {
        lock (Gate)
        {
            if (CurrentState is not (TransactionState.Trying or TransactionState.Proceeding) || !MoveTo(TransactionState.Terminated))
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
        bool passUp;
        lock (Gate)
        {
            if (CurrentState is not (TransactionState.Trying or TransactionState.Proceeding))
            {
                return; // Completed absorbs retransmitted finals (RFC 3261 17.1.2.2)
            }
            passUp = true;
            if (response.StatusCode < 200)
            {
                MoveTo(TransactionState.Proceeding);
            }
            else
            {
                _timerE?.Cancel();
                _timerF?.Cancel();
                MoveTo(TransactionState.Completed);
                _timerK = Schedule(IsReliable ? TimeSpan.Zero : Timers.T4, static t => ((ClientNonInviteTransaction)t).OnTimerK());
            }
        }
        if (passUp)
        {
            PassUp(response);
            if (response.StatusCode >= 200)
            {
                Complete(TransactionEnd.Response, response);
            }
        }
    }

    private void OnTimerK()
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

    private protected override void OnTerminated()
    {
        _timerE?.Cancel();
        _timerF?.Cancel();
        _timerK?.Cancel();
    }
}
