using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Transactions;

/// <summary>RFC 3261 17.2.2 (figure 8): Trying -> Proceeding -> Completed -> Terminated (Timer J).</summary>
public sealed class ServerNonInviteTransaction : ServerTransaction
{
    private SipTimerHandle? _timerJ;
    private byte[]? _lastResponseBytes;

    internal ServerNonInviteTransaction(SipTransactionLayer layer, SipRequest request, SipEndPoint source, SipEndPoint responseDestination)
        : base(layer, request, source, responseDestination, TransactionState.Trying)
    {
    }

    public override void SendResponse(SipResponse response)
    {
        byte[] bytes = SipWriter.ToBytes(response);
        lock (Gate)
        {
            if (CurrentState is not (TransactionState.Trying or TransactionState.Proceeding))
            {
                return;
            }
            _lastResponseBytes = bytes;
            if (response.StatusCode < 200)
            {
                MoveTo(TransactionState.Proceeding);
            }
            else
            {
                MoveTo(TransactionState.Completed);
                ReleaseRequest(); // Completed resends the bytes and needs nothing else of the request
                _timerJ = Schedule(IsReliable ? TimeSpan.Zero : Timers.TransactionTimeout,
                    static t => ((ServerNonInviteTransaction)t).OnTimerJ());
            }
        }
        Send(bytes);
    }

    internal override void OnRequestRetransmission()
    {
        byte[]? resend;
        lock (Gate)
        {
            // RFC 3261 17.2.2: Trying absorbs; Proceeding and Completed resend the last response.
            resend = CurrentState is TransactionState.Proceeding or TransactionState.Completed ? _lastResponseBytes : null;
        }
        if (resend is not null)
        {
            Layer.CountRetransmission();
            Send(resend);
        }
    }

    private void OnTimerJ()
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

    private protected override void OnTerminated() => _timerJ?.Cancel();
}
