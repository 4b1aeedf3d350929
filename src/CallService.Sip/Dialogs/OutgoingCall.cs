using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;

namespace CallService.Sip.Dialogs;

/// <summary>
/// An INVITE we sent (RFC 3261 13.2): provisional responses are passed on, the first 2xx becomes
/// the dialog (ACKed at once), other forks' 2xx are ACKed and hung up, and <see cref="Cancel"/>
/// sends CANCEL once a provisional response has arrived (9.1).
/// </summary>
public sealed class OutgoingCall
{
    private readonly SipUserAgent _ua;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<OutgoingCallResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SipResponse> _firstProvisional = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _provisionalSeen;
    private bool _cancelWanted;
    private bool _cancelSent;
    private string? _cancelReason;

    internal OutgoingCall(SipUserAgent ua, SipRequest invite, SipEndPoint destination)
    {
        _ua = ua;
        Invite = invite;
        Destination = destination;
    }

    public SipRequest Invite { get; }

    public SipEndPoint Destination { get; }

    internal ClientTransaction? Transaction { get; set; }

    /// <summary>Each provisional response (180, 183 with early media SDP...) from the moment of subscription.</summary>
    public event Action<OutgoingCall, SipResponse>? Provisional;

    /// <summary>
    /// The first provisional response (100 included), once it has come; it never completes when none
    /// does. Unlike <see cref="Provisional"/> it cannot be missed: the INVITE is already out when
    /// <see cref="SipUserAgent.CallAsync"/> returns, and a near peer answers before a late subscriber.
    /// </summary>
    public Task<SipResponse> FirstProvisional => _firstProvisional.Task;

    public Task<OutgoingCallResult> Result => _result.Task;

    public SipDialog? Dialog { get; private set; }

    public bool IsCancelRequested { get { lock (_gate) { return _cancelWanted; } } }

    /// <summary>Gives up the call: CANCEL now if a provisional response came, else as soon as one
    /// does (RFC 3261 9.1). <paramref name="reasonHeader"/> is sent as a Reason header (RFC 3326),
    /// for example <c>SIP;cause=200;text="Call completed elsewhere"</c>.</summary>
    public void Cancel(string? reasonHeader = null)
    {
        bool sendNow;
        lock (_gate)
        {
            if (_cancelWanted || _result.Task.IsCompleted)
            {
                return;
            }
            _cancelWanted = true;
            _cancelReason = reasonHeader;
            sendNow = _provisionalSeen && !_cancelSent;
            _cancelSent |= sendNow;
        }
        if (sendNow)
        {
            SendCancel();
        }
    }

    internal void OnResponse(ClientTransaction tx, SipResponse response)
    {
        int code = response.StatusCode;
        if (code < 200)
        {
            bool sendCancel;
            lock (_gate)
            {
                _provisionalSeen = true;
                sendCancel = _cancelWanted && !_cancelSent;
                _cancelSent |= sendCancel;
            }
            if (sendCancel)
            {
                SendCancel();
            }
            _firstProvisional.TrySetResult(response);
            Provisional?.Invoke(this, response);
            return;
        }
        if (code >= 300)
        {
            _result.TrySetResult(new OutgoingCallResult(null, response, TransactionEnd.Response));
            return;
        }
        OnSuccess(response);
    }

    private void OnSuccess(SipResponse ok)
    {
        SipDialog? existing;
        bool cancelled;
        lock (_gate)
        {
            existing = Dialog;
            cancelled = _cancelWanted;
        }
        if (existing is not null)
        {
            if (existing.RemoteParty.Tag == ok.To.Tag)
            {
                existing.OnRetransmitted2xx(ok); // same 2xx again: same ACK again
                return;
            }
            // Another fork answered too (RFC 3261 13.2.2.4): ACK it, then hang it up.
            var extra = _ua.CreateUacDialog(Invite, ok, Destination);
            _ = AckThenByeAsync(extra, ok);
            return;
        }
        var dialog = _ua.CreateUacDialog(Invite, ok, Destination);
        lock (_gate)
        {
            Dialog = dialog;
        }
        if (cancelled)
        {
            // The 2xx crossed our CANCEL: the call is up, so it must be ACKed and ended with BYE (9.1).
            _ = AckThenByeAsync(dialog, ok);
            _result.TrySetResult(new OutgoingCallResult(null, ok, TransactionEnd.Cancelled));
            return;
        }
        _ua.Register(dialog);
        _ = AckAsync(dialog, ok);
        _result.TrySetResult(new OutgoingCallResult(dialog, ok, TransactionEnd.Response));
    }

    private async Task AckAsync(SipDialog dialog, SipResponse ok)
    {
        try
        {
            await dialog.SendAckAsync(Invite, ok, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SipUnreachableException)
        {
            dialog.End(DialogEndReason.PeerGone);
        }
    }

    private async Task AckThenByeAsync(SipDialog dialog, SipResponse ok)
    {
        await AckAsync(dialog, ok).ConfigureAwait(false);
        await dialog.ByeAsync().ConfigureAwait(false);
    }

    internal void OnTransactionEnded(ClientTransactionOutcome outcome)
    {
        if (outcome.End != TransactionEnd.Response)
        {
            _result.TrySetResult(new OutgoingCallResult(null, null, IsCancelRequested ? TransactionEnd.Cancelled : outcome.End));
        }
    }

    /// <summary>RFC 3261 9.1: same Request-URI, Call-ID, From, To, CSeq number and top Via (branch)
    /// as the INVITE; its own transaction (method CANCEL).</summary>
    private void SendCancel()
    {
        var cancel = InviteDerivedRequest.Create(Invite, SipMethod.Cancel, Invite.Headers.GetFirst("To")!);
        string? reason;
        lock (_gate)
        {
            reason = _cancelReason;
        }
        if (reason is not null)
        {
            cancel.Headers.Add("Reason", reason);
        }
        _ = _ua.SendAsync(cancel, Destination, null, CancellationToken.None);
    }
}
