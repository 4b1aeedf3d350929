using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Transactions;

/// <summary>A server transaction: the TU answers the request through it.</summary>
public abstract class ServerTransaction : SipTransaction
{
    private readonly TaskCompletionSource<TransactionEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected ServerTransaction(SipTransactionLayer layer, SipRequest request, SipEndPoint source, SipEndPoint responseDestination, TransactionState initial)
        : base(layer, TransactionKey.ForServer(request), request, responseDestination, initial)
    {
        Source = source;
    }

    /// <summary>Where the request came from (the transport's view, before Via processing).</summary>
    public SipEndPoint Source { get; }

    /// <summary>Completes when the transaction reaches Terminated, saying how.</summary>
    public Task<TransactionEnd> Ended => _ended.Task;

    /// <summary>Sends a response; the machine decides about retransmission (RFC 3261 17.2).</summary>
    public abstract void SendResponse(SipResponse response);

    /// <summary>A creates-and-sends shortcut: RFC 3261 8.2.6 response to this request.</summary>
    public SipResponse Respond(int statusCode, string? reason = null, string? toTag = null)
    {
        var response = SipResponseFactory.Create(Request, statusCode, reason, toTag);
        SendResponse(response);
        return response;
    }

    internal abstract void OnRequestRetransmission();

    private protected void End(TransactionEnd how) => _ended.TrySetResult(how);

    internal override void OnTransportError(Exception error)
    {
        lock (Gate)
        {
            if (!MoveTo(TransactionState.Terminated))
            {
                return;
            }
        }
        OnTerminated();
        End(TransactionEnd.TransportError);
        Remove();
    }

    private protected abstract void OnTerminated();

    internal void Abort()
    {
        lock (Gate)
        {
            if (!MoveTo(TransactionState.Terminated))
            {
                return;
            }
        }
        OnTerminated();
        End(TransactionEnd.Cancelled);
    }
}
