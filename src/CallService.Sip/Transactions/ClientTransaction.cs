using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Transactions;

/// <summary>A client transaction: the TU sees each response it passes up and awaits the outcome.</summary>
public abstract class ClientTransaction : SipTransaction
{
    private readonly TaskCompletionSource<ClientTransactionOutcome> _outcome =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected ClientTransaction(SipTransactionLayer layer, SipRequest request, SipEndPoint destination, TransactionState initial)
        : base(layer, TransactionKey.ForClient(request.TopVia.Branch ?? string.Empty, request.MethodToken), request, destination, initial)
    {
        RequestBytes = SipWriter.ToBytes(request);
    }

    /// <summary>Every response the transaction passes to the TU (provisional, final, and for INVITE
    /// each 2xx: RFC 6026 hands retransmitted and forked 2xx to the TU). Set before <see cref="Start"/>.</summary>
    public Action<ClientTransaction, SipResponse>? ResponseReceived { get; set; }

    /// <summary>Completes with the first final response, or with why none came.</summary>
    public Task<ClientTransactionOutcome> Completion => _outcome.Task;

    private protected byte[] RequestBytes { get; }

    /// <summary>Sends the request and starts timers A/B or E/F.</summary>
    public abstract void Start();

    internal abstract void OnResponse(SipResponse response);

    private protected void Complete(TransactionEnd end, SipResponse? response) =>
        _outcome.TrySetResult(new ClientTransactionOutcome(end, response));

    private protected void PassUp(SipResponse response) => ResponseReceived?.Invoke(this, response);

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
        Complete(TransactionEnd.TransportError, null);
        Remove();
    }

    /// <summary>Cancels every timer; called once when the machine reaches Terminated.</summary>
    private protected abstract void OnTerminated();

    /// <summary>Stops the transaction at shutdown.</summary>
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
        Complete(TransactionEnd.Cancelled, null);
    }
}
