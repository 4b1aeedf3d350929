using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;

namespace CallService.Sip.Dialogs;

/// <summary>
/// One dialog (RFC 3261 12): its identifiers, route set, remote target and CSeq spaces; in-dialog
/// requests both ways (re-INVITE with 491 glare handling, BYE, INFO, UPDATE); and the 2xx
/// retransmission of the UAS until the ACK comes (13.3.1.4).
/// </summary>
public sealed class SipDialog
{
    private readonly SipUserAgent _ua;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<bool> _acked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private uint _localSeq;
    private uint? _remoteSeq;
    private DialogState _state = DialogState.Confirmed;
    private DialogEndReason? _endReason;

    // UAS: the 2xx being retransmitted until its ACK (13.3.1.4).
    private byte[]? _pending2xx;
    private uint _pending2xxSeq;
    private SipEndPoint _pending2xxDestination;
    private SipTimerHandle? _retransmit2xx;
    private SipTimerHandle? _giveUp2xx;
    private TimeSpan _retransmitInterval;

    // UAC: the ACK of our last 2xx-answered INVITE, resent when that 2xx is retransmitted (13.2.2.4).
    private byte[]? _lastAck;
    private uint _lastAckSeq;

    // Re-INVITE bookkeeping for glare (14.1, 14.2).
    private bool _outgoingInvitePending;
    private ServerTransaction? _incomingInvitePending;

    internal SipDialog(SipUserAgent ua, DialogId id, bool isCaller, SipNameAddress localParty, SipNameAddress remoteParty,
        SipUri remoteTarget, IReadOnlyList<SipNameAddress> routeSet, uint localSeq, uint? remoteSeq, SipProtocol protocol, SipEndPoint peer)
    {
        _ua = ua;
        Id = id;
        IsCaller = isCaller;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        _localSeq = localSeq;
        _remoteSeq = remoteSeq;
        Protocol = protocol;
        Peer = peer;
    }

    public DialogId Id { get; }

    public string CallId => Id.CallId;

    /// <summary>True when we sent the INVITE that created the dialog (the Call-ID owner in 14.1).</summary>
    public bool IsCaller { get; }

    /// <summary>Our side with our tag (From of our requests).</summary>
    public SipNameAddress LocalParty { get; }

    /// <summary>The peer with its tag (To of our requests).</summary>
    public SipNameAddress RemoteParty { get; }

    /// <summary>The peer's Contact; a target refresh (re-INVITE, UPDATE) may change it.</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>Record-Route learnt at setup, in the order our requests use it.</summary>
    public IReadOnlyList<SipNameAddress> RouteSet { get; }

    public SipProtocol Protocol { get; }

    /// <summary>Where the dialog's messages last came from: used when the route set and target
    /// resolve to nothing better (symmetric signalling for peers behind NAT, RFC 3581 spirit).</summary>
    public SipEndPoint Peer { get; }

    public DialogState State { get { lock (_gate) { return _state; } } }

    public DialogEndReason? EndReason { get { lock (_gate) { return _endReason; } } }

    /// <summary>An in-dialog request other than BYE and ACK: re-INVITE, UPDATE, INFO, OPTIONS...
    /// The handler must answer the transaction (see <see cref="AcceptReInvite"/> for INVITE).
    /// Unhandled requests get 200 (INFO, OPTIONS) or 488 (INVITE, UPDATE).</summary>
    public event Action<SipDialog, ServerTransaction>? RequestReceived;

    /// <summary>Raised once when the dialog ends, with the reason.</summary>
    public event Action<SipDialog, DialogEndReason>? Terminated;

    /// <summary>UAS side: the first ACK received; it carries the SDP answer when our 2xx made the offer
    /// (RFC 3264 5, RFC 3261 13.2.1: an INVITE without an offer).</summary>
    public SipRequest? AckRequest { get; private set; }

    /// <summary>UAS side: completes true when the ACK for our 2xx arrived, false if it never did.</summary>
    public Task<bool> Acked => _acked.Task;

    // ---- UAS: 2xx and its retransmission ----

    /// <summary>Sends a 2xx to an INVITE (initial or re-INVITE) and retransmits it until the ACK
    /// (RFC 3261 13.3.1.4): T1, doubling up to T2, giving up after 64*T1 with a BYE.
    /// <paramref name="alreadySent"/>: the transport has put this 2xx on the wire at its instant
    /// (<see cref="ServerInviteTransaction.ScheduleResponse"/>); only the retransmissions are left.</summary>
    internal void Send2xx(ServerInviteTransaction tx, SipResponse ok, bool alreadySent = false)
    {
        byte[] bytes = SipWriter.ToBytes(ok);
        lock (_gate)
        {
            if (alreadySent && AckRequest is { } ack && ack.CSeq.Number == tx.Request.CSeq.Number)
            {
                // The 2xx left ahead of this call and its ACK is already here: nothing to resend.
                _pending2xx = null;
            }
            else
            {
                Await2xxAck(tx, bytes);
            }
        }
        if (alreadySent)
        {
            tx.RespondAlreadySent(ok);
        }
        else
        {
            tx.SendResponse(ok);
        }
    }

    /// <summary>Keeps the 2xx to resend until its ACK (RFC 3261 13.3.1.4); the caller holds _gate.</summary>
    private void Await2xxAck(ServerInviteTransaction tx, byte[] bytes)
    {
        _retransmit2xx?.Cancel();
        _giveUp2xx?.Cancel();
        _pending2xx = bytes;
        _pending2xxSeq = tx.Request.CSeq.Number;
        _pending2xxDestination = tx.Peer;
        var timers = _ua.Timers;
        _retransmitInterval = timers.T1;
        // On a reliable transport the 2xx is not resent, but the ACK is still awaited.
        _retransmit2xx = tx.IsReliable ? null : _ua.TimerQueue.Schedule(timers.T1, static s => ((SipDialog)s!).OnRetransmit2xx(), this);
        _giveUp2xx = _ua.TimerQueue.Schedule(timers.TransactionTimeout, static s => ((SipDialog)s!).OnAckTimeout(), this);
    }

    private void OnRetransmit2xx()
    {
        byte[]? resend;
        lock (_gate)
        {
            if (_pending2xx is null || _state == DialogState.Terminated)
            {
                return;
            }
            resend = _pending2xx;
            _retransmitInterval = TimeSpan.FromTicks(Math.Min(_retransmitInterval.Ticks * 2, _ua.Timers.T2.Ticks));
            _retransmit2xx = _ua.TimerQueue.ScheduleAfter(_retransmit2xx!, _retransmitInterval, static s => ((SipDialog)s!).OnRetransmit2xx(), this);
        }
        _ua.Transactions.CountRetransmission();
        _ua.Transactions.SendStateless(resend, _pending2xxDestination);
    }

    private void OnAckTimeout()
    {
        lock (_gate)
        {
            if (_pending2xx is null || _state == DialogState.Terminated)
            {
                return;
            }
            _pending2xx = null;
            _retransmit2xx?.Cancel();
        }
        // RFC 3261 13.3.1.4: no ACK within 64*T1: the session ends with a BYE.
        _acked.TrySetResult(false);
        _ = EndWithByeAsync(DialogEndReason.AckTimeout);
    }

    internal void OnAck(SipRequest ack)
    {
        lock (_gate)
        {
            AckRequest ??= ack;
            if (_pending2xx is not null && ack.CSeq.Number == _pending2xxSeq)
            {
                _pending2xx = null;
                _retransmit2xx?.Cancel();
                _giveUp2xx?.Cancel();
            }
        }
        _acked.TrySetResult(true);
    }

    /// <summary>Answers a re-INVITE (or UPDATE) with 200 and our SDP.</summary>
    public void AcceptReInvite(ServerTransaction tx, ReadOnlyMemory<byte> sdp, string contentType = "application/sdp")
    {
        var ok = _ua.CreateDialogResponse(tx.Request, 200, LocalParty.Tag!);
        if (!sdp.IsEmpty)
        {
            ok.Headers.Add("Content-Type", contentType);
            ok.Body = sdp;
        }
        ClearIncomingInvite(tx);
        if (tx is ServerInviteTransaction invite)
        {
            Send2xx(invite, ok);
        }
        else
        {
            tx.SendResponse(ok);
        }
    }

    /// <summary>Refuses a re-INVITE or UPDATE; the session stays as it was (RFC 3261 14.2).</summary>
    public void RejectReInvite(ServerTransaction tx, int statusCode, string? reason = null)
    {
        ClearIncomingInvite(tx);
        tx.SendResponse(_ua.CreateDialogResponse(tx.Request, statusCode, LocalParty.Tag!, reason));
    }

    private void ClearIncomingInvite(ServerTransaction tx)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_incomingInvitePending, tx))
            {
                _incomingInvitePending = null;
            }
        }
    }

    // ---- requests from the peer ----

    internal void OnRequest(ServerTransaction tx)
    {
        var request = tx.Request;
        lock (_gate)
        {
            // RFC 3261 12.2.2: a lower CSeq than the last one is out of order.
            uint seq = request.CSeq.Number;
            if (_remoteSeq is uint last && seq < last)
            {
                tx.SendResponse(_ua.CreateDialogResponse(request, 500, LocalParty.Tag!, "CSeq Out of Order"));
                return;
            }
            _remoteSeq = seq;
            if (_state == DialogState.Terminated && request.Method != SipMethod.Bye)
            {
                tx.SendResponse(_ua.CreateDialogResponse(request, 481, LocalParty.Tag!));
                return;
            }
        }

        switch (request.Method)
        {
            case SipMethod.Bye:
                tx.SendResponse(_ua.CreateDialogResponse(request, 200, LocalParty.Tag!));
                End(DialogEndReason.RemoteBye);
                return;
            case SipMethod.Invite:
                lock (_gate)
                {
                    if (_outgoingInvitePending)
                    {
                        // RFC 3261 14.2: glare: our re-INVITE is in progress.
                        tx.SendResponse(_ua.CreateDialogResponse(request, 491, LocalParty.Tag!));
                        return;
                    }
                    if (_incomingInvitePending is not null || _pending2xx is not null)
                    {
                        // RFC 3261 14.2: a previous re-INVITE is not finished yet.
                        var busy = _ua.CreateDialogResponse(request, 500, LocalParty.Tag!);
                        busy.Headers.Add("Retry-After", "1");
                        tx.SendResponse(busy);
                        return;
                    }
                    _incomingInvitePending = tx;
                }
                UpdateTarget(request);
                break;
            case SipMethod.Update:
                UpdateTarget(request);
                break;
        }

        var handler = RequestReceived;
        if (handler is not null)
        {
            handler(this, tx);
            return;
        }
        if (request.Method is SipMethod.Invite or SipMethod.Update)
        {
            RejectReInvite(tx, 488);
        }
        else
        {
            tx.SendResponse(_ua.CreateDialogResponse(request, 200, LocalParty.Tag!));
        }
    }

    private void UpdateTarget(SipRequest request)
    {
        // RFC 3261 12.2.2: a target refresh request replaces the remote target with its Contact.
        if (request.Contacts is [var contact, ..] && !contact.IsWildcard)
        {
            lock (_gate)
            {
                RemoteTarget = contact.Uri;
            }
        }
    }

    // ---- requests we send ----

    /// <summary>Sends a request inside the dialog and returns how its transaction ended; a 481 or
    /// 408 means the dialog is gone (RFC 3261 12.2.1.2).</summary>
    public async Task<ClientTransactionOutcome> SendRequestAsync(SipMethod method, ReadOnlyMemory<byte> body = default,
        string? contentType = null, IEnumerable<SipHeader>? headers = null, CancellationToken cancellationToken = default)
    {
        var request = BuildRequest(method);
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                request.Headers.Add(header.Name, header.Value);
            }
        }
        if (!body.IsEmpty)
        {
            request.Headers.Add("Content-Type", contentType ?? "application/sdp");
            request.Body = body;
        }
        var destination = await NextHopAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await _ua.SendAsync(request, destination, onResponse: null, cancellationToken).ConfigureAwait(false);
        if (method != SipMethod.Bye && (outcome.End == TransactionEnd.Timeout || outcome.StatusCode is 408 or 481))
        {
            End(DialogEndReason.PeerGone);
        }
        return outcome;
    }

    /// <summary>Sends a re-INVITE with <paramref name="sdp"/>; on 491 waits as RFC 3261 14.1 says
    /// (2.1-4 s as Call-ID owner, else 0-2 s) and tries again, up to <paramref name="maxAttempts"/>.</summary>
    public async Task<ClientTransactionOutcome> ReInviteAsync(ReadOnlyMemory<byte> sdp, int maxAttempts = 3, CancellationToken cancellationToken = default)
    {
        for (int attempt = 1; ; attempt++)
        {
            lock (_gate)
            {
                if (_state == DialogState.Terminated)
                {
                    return new ClientTransactionOutcome(TransactionEnd.Cancelled, null);
                }
                _outgoingInvitePending = true;
            }
            ClientTransactionOutcome outcome;
            try
            {
                var invite = BuildRequest(SipMethod.Invite);
                invite.Headers.Add("Content-Type", "application/sdp");
                invite.Body = sdp;
                var destination = await NextHopAsync(cancellationToken).ConfigureAwait(false);
                outcome = await _ua.SendAsync(invite, destination, onResponse: null, cancellationToken).ConfigureAwait(false);
                if (outcome.IsSuccess)
                {
                    await SendAckAsync(invite, outcome.Response!, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                lock (_gate)
                {
                    _outgoingInvitePending = false;
                }
            }
            if (outcome.StatusCode != 491 || attempt >= maxAttempts)
            {
                if (outcome.End == TransactionEnd.Timeout || outcome.StatusCode is 408 or 481)
                {
                    End(DialogEndReason.PeerGone);
                }
                return outcome;
            }
            int waitMs = IsCaller ? Random.Shared.Next(2100, 4001) : Random.Shared.Next(0, 2001);
            await Task.Delay(TimeSpan.FromMilliseconds(waitMs), _ua.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the dialog with a BYE (RFC 3261 15.1.1: the session is over once it is sent).</summary>
    public Task<ClientTransactionOutcome> ByeAsync(CancellationToken cancellationToken = default) =>
        EndWithByeAsync(DialogEndReason.LocalBye, cancellationToken);

    private async Task<ClientTransactionOutcome> EndWithByeAsync(DialogEndReason reason, CancellationToken cancellationToken = default)
    {
        if (!End(reason))
        {
            return new ClientTransactionOutcome(TransactionEnd.Cancelled, null);
        }
        try
        {
            return await SendRequestAsync(SipMethod.Bye, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new ClientTransactionOutcome(TransactionEnd.TransportError, null);
        }
    }

    /// <summary>UAC: the ACK for a 2xx to our INVITE (RFC 3261 13.2.2.4), kept to answer retransmissions.</summary>
    internal async Task SendAckAsync(SipRequest invite, SipResponse ok, CancellationToken cancellationToken)
    {
        var ack = BuildRequest(SipMethod.Ack, invite.CSeq.Number);
        byte[] bytes = SipWriter.ToBytes(ack);
        lock (_gate)
        {
            _lastAck = bytes;
            _lastAckSeq = ok.CSeq.Number;
        }
        var destination = await NextHopAsync(cancellationToken).ConfigureAwait(false);
        _ua.Transactions.SendStateless(bytes, destination);
    }

    /// <summary>A retransmitted 2xx for our INVITE: send the same ACK again.</summary>
    internal void OnRetransmitted2xx(SipResponse response)
    {
        byte[]? ack;
        lock (_gate)
        {
            ack = _lastAck is not null && response.CSeq.Number == _lastAckSeq ? _lastAck : null;
        }
        if (ack is not null)
        {
            _ = ResendAckAsync(ack);
        }
    }

    private async Task ResendAckAsync(byte[] ack)
    {
        try
        {
            _ua.Transactions.SendStateless(ack, await NextHopAsync(CancellationToken.None).ConfigureAwait(false));
        }
        catch (SipUnreachableException)
        {
            // The target vanished from DNS: nothing to resend to.
        }
    }

    /// <summary>RFC 3261 12.2.1.1: Request-URI, Route and headers of a request within the dialog.</summary>
    internal SipRequest BuildRequest(SipMethod method, uint? cseq = null)
    {
        SipUri requestUri;
        IEnumerable<SipNameAddress> routes;
        lock (_gate)
        {
            if (RouteSet.Count > 0 && !RouteSet[0].Uri.HasParameter("lr"))
            {
                // Strict routing: the first route becomes the Request-URI, the target goes last.
                requestUri = RouteSet[0].Uri;
                routes = RouteSet.Skip(1).Append(new SipNameAddress(RemoteTarget));
            }
            else
            {
                requestUri = RemoteTarget;
                routes = RouteSet;
            }
        }
        uint number = cseq ?? Interlocked.Increment(ref _localSeq);
        var request = new SipRequest(method, requestUri);
        request.Headers.Add("Via", _ua.NewVia(Protocol));
        request.Headers.Add("Max-Forwards", "70");
        foreach (var route in routes)
        {
            request.Headers.Add("Route", route.ToString());
        }
        request.Headers.Add("From", LocalParty.ToString());
        request.Headers.Add("To", RemoteParty.ToString());
        request.Headers.Add("Call-ID", CallId);
        request.Headers.Add("CSeq", $"{number} {SipMethods.ToToken(method)}");
        if (method is SipMethod.Invite or SipMethod.Update)
        {
            request.Headers.Add("Contact", _ua.Contact(LocalParty.Uri.User, Protocol).ToString());
        }
        request.Headers.Add("User-Agent", _ua.Product);
        return request;
    }

    private async ValueTask<SipEndPoint> NextHopAsync(CancellationToken cancellationToken)
    {
        SipUri next;
        lock (_gate)
        {
            next = RouteSet.Count > 0 ? RouteSet[0].Uri : RemoteTarget;
        }
        return await SipUriResolver.ResolveAsync(next, Protocol, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the dialog terminated once; false when it already was.</summary>
    internal bool End(DialogEndReason reason)
    {
        lock (_gate)
        {
            if (_state == DialogState.Terminated)
            {
                return false;
            }
            _state = DialogState.Terminated;
            _endReason = reason;
            _retransmit2xx?.Cancel();
            _giveUp2xx?.Cancel();
            _pending2xx = null;
        }
        _acked.TrySetResult(false);
        _ua.Forget(this);
        Terminated?.Invoke(this, reason);
        return true;
    }
}
