using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Transactions;

/// <summary>
/// What the four RFC 3261 transaction machines share: the request, the peer, a gate that serialises
/// events (network, timers, the TU), timers from the layer's queue, and sending through the layer.
/// </summary>
public abstract class SipTransaction
{
    private protected readonly Lock Gate = new();
    private protected readonly SipTransactionLayer Layer;
    private TransactionState _state;

    private protected SipTransaction(SipTransactionLayer layer, TransactionKey key, SipRequest request, SipEndPoint peer, TransactionState initial)
    {
        Layer = layer;
        Key = key;
        _request = request;
        Peer = peer;
        _state = initial;
    }

    private SipRequest? _request;

    public TransactionKey Key { get; }

    /// <summary>The request that created the transaction.</summary>
    /// <exception cref="InvalidOperationException">A server transaction let it go with its final response.</exception>
    public SipRequest Request => _request ?? throw new InvalidOperationException(
        $"The {Key.Method} server transaction let go of its request when it sent the final response; it lingers only to absorb retransmissions.");

    /// <summary>Client: where the request goes. Server: where responses go (RFC 3261 18.2.2).</summary>
    public SipEndPoint Peer { get; }

    /// <summary>Reliable transports need no retransmissions and no lingering (timers D, I, J, K are 0).</summary>
    public bool IsReliable => Peer.Protocol != SipProtocol.Udp;

    public TransactionState State
    {
        get { lock (Gate) { return _state; } }
    }

    private protected TransactionState CurrentState => _state;

    private protected SipTimerOptions Timers => Layer.Timers;

    /// <summary>Set under <see cref="Gate"/>; leaving Terminated is impossible.</summary>
    private protected bool MoveTo(TransactionState next)
    {
        if (_state == TransactionState.Terminated)
        {
            return false;
        }
        _state = next;
        return true;
    }

    /// <summary>
    /// A server transaction that has sent its final response keeps only its key, its state and the
    /// bytes it resends: it lingers 64*T1 (Timer J, L or H, RFC 3261 17.2 and RFC 6026) to absorb
    /// retransmissions, and its parsed request (headers, strings, body) would otherwise live that long
    /// too. At hundreds of calls a second, those lingering requests were most of what each collection
    /// promoted and so most of its pause time.
    /// </summary>
    private protected void ReleaseRequest() => _request = null;

    private protected SipTimerHandle Schedule(TimeSpan delay, Action<SipTransaction> onFire) =>
        Layer.TimerQueue.Schedule(delay, static s =>
        {
            var (tx, action) = ((SipTransaction, Action<SipTransaction>))s!;
            action(tx);
        }, (this, onFire));

    /// <summary>A retransmission timer: <paramref name="delay"/> after the previous one was due.</summary>
    private protected SipTimerHandle ScheduleNext(SipTimerHandle previous, TimeSpan delay, Action<SipTransaction> onFire) =>
        Layer.TimerQueue.ScheduleAfter(previous, delay, static s =>
        {
            var (tx, action) = ((SipTransaction, Action<SipTransaction>))s!;
            action(tx);
        }, (this, onFire));

    /// <summary>Sends outside the gate; a transport failure ends the transaction (RFC 3261 17.1.4).</summary>
    private protected void Send(byte[] bytes) => Layer.Send(this, bytes, Peer);

    internal abstract void OnTransportError(Exception error);

    /// <summary>Removes the transaction from the layer; called once, on entering Terminated.</summary>
    private protected void Remove() => Layer.Remove(this);
}
