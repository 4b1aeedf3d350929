using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;

namespace CallService.Sip.Dialogs;

/// <summary>
/// An INVITE that arrived outside a dialog, from the UAS core's side (RFC 3261 13.3): ring it
/// (180/183, with early media SDP), accept it (200 with the answer, creating the dialog) or reject it.
/// A CANCEL answers it with 487 here (9.2) and then tells the application.
/// </summary>
public sealed class IncomingCall
{
    private readonly SipUserAgent _ua;
    private readonly CancellationTokenSource _cancelled = new();
    private readonly Lock _scheduleGate = new();
    private int _final; // 0 none, 1 sent, 2 a scheduled 200 left before a rejection could withdraw it
    private ScheduledDatagram? _scheduled;
    private SipResponse? _scheduledOk;
    private SipRequest? _earlyAck;

    internal IncomingCall(SipUserAgent ua, ServerInviteTransaction transaction)
    {
        _ua = ua;
        Transaction = transaction;
        Invite = transaction.Request; // the transaction lets go of it with the final response; the call needs it longer
        LocalTag = SipIds.NewTag();
        transaction.CancelRequested += OnCancelRequested;
    }

    public ServerInviteTransaction Transaction { get; }

    public SipRequest Invite { get; }

    /// <summary>Our To tag, the same on every response to this INVITE (one early dialog, 12.1.1).</summary>
    public string LocalTag { get; }

    /// <summary>The caller's SDP offer, or empty when the INVITE carried none (offer in the 2xx then).</summary>
    public ReadOnlyMemory<byte> Offer =>
        Invite.ContentType is { } type && type.StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase) ? Invite.Body : default;

    public bool HasOffer => !Offer.IsEmpty;

    /// <summary>Cancelled when the caller sends CANCEL (the 487 is already out by then).</summary>
    public CancellationToken CancellationToken => _cancelled.Token;

    /// <summary>Raised once after a CANCEL was answered with 487.</summary>
    public event Action<IncomingCall>? Cancelled;

    /// <summary>The dialog once accepted.</summary>
    public SipDialog? Dialog { get; private set; }

    public bool IsAnswered => Volatile.Read(ref _final) != 0;

    /// <summary>Sends 180 Ringing or 183 Session Progress, with SDP for early media when given.</summary>
    public void SendProvisional(int statusCode, ReadOnlyMemory<byte> sdp = default)
    {
        if (statusCode is < 101 or > 199)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), "A provisional response is 101-199.");
        }
        if (IsAnswered)
        {
            return;
        }
        var response = _ua.CreateDialogResponse(Invite, statusCode, LocalTag);
        if (!sdp.IsEmpty)
        {
            response.Headers.Add("Content-Type", "application/sdp");
            response.Body = sdp;
        }
        Transaction.SendResponse(response);
    }

    /// <summary>
    /// Prepares the 200 OK that <see cref="Accept"/> sends and hands it to the transport to leave at
    /// <paramref name="timestamp"/> (a <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>
    /// instant), so that it is on time even if this process cannot run then (a garbage collection).
    /// <see cref="Accept"/> must still be called, at that instant or before it, with the same
    /// <paramref name="sdp"/>: it confirms the dialog, or sends the 200 at once if it is called early.
    /// <see cref="Reject"/> and a CANCEL withdraw it while it has not left. False when the transport
    /// cannot time a send (TCP, no io_uring) or the INVITE is already answered.
    /// </summary>
    public bool ScheduleAccept(ReadOnlyMemory<byte> sdp, long timestamp, string contentType = "application/sdp")
    {
        lock (_scheduleGate)
        {
            if (Volatile.Read(ref _final) != 0 || _scheduled is not null)
            {
                return false;
            }
            SipResponse ok = CreateOk(sdp, contentType);
            ScheduledDatagram? scheduled = Transaction.ScheduleResponse(SipWriter.ToBytes(ok), timestamp);
            if (scheduled is null)
            {
                return false;
            }
            (_scheduled, _scheduledOk) = (scheduled, ok);
            _ua.ExpectEarlyAck(DialogId, this);
            return true;
        }
    }

    /// <summary>Answers 200 OK with <paramref name="sdp"/> and returns the confirmed dialog; the 2xx
    /// is retransmitted until the ACK arrives (<see cref="SipDialog.Acked"/>). Null when the call
    /// was already cancelled or answered.</summary>
    public SipDialog? Accept(ReadOnlyMemory<byte> sdp, string contentType = "application/sdp")
    {
        if (Interlocked.CompareExchange(ref _final, 1, 0) != 0)
        {
            // A rejection found the scheduled 200 already gone and confirmed its dialog instead.
            return Volatile.Read(ref _final) == 2 ? Dialog : null;
        }
        SipResponse? onTheWire = TakeScheduledIfGone();
        return Confirm(onTheWire ?? CreateOk(sdp, contentType), alreadySent: onTheWire is not null);
    }

    /// <summary>Answers with a final error response (4xx-6xx, or 3xx); false if already answered.</summary>
    public bool Reject(int statusCode, string? reason = null, IEnumerable<SipHeader>? headers = null)
    {
        if (statusCode < 300)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), "A rejection is 300-699.");
        }
        if (Interlocked.CompareExchange(ref _final, 1, 0) != 0)
        {
            return false;
        }
        if (TakeScheduledIfGone() is { } onTheWire)
        {
            // The 200 left at its instant just before this: the INVITE is answered (RFC 3261 9.2:
            // a CANCEL now has no effect), so its dialog is confirmed and the caller's ACK awaited.
            Volatile.Write(ref _final, 2);
            Confirm(onTheWire, alreadySent: true);
            return false;
        }
        var response = SipResponseFactory.Create(Invite, statusCode, reason, LocalTag);
        response.Headers.Add("Server", _ua.Product);
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                response.Headers.Add(header.Name, header.Value);
            }
        }
        Transaction.SendResponse(response);
        return true;
    }

    private SipResponse CreateOk(ReadOnlyMemory<byte> sdp, string contentType)
    {
        var ok = _ua.CreateDialogResponse(Invite, 200, LocalTag);
        if (!sdp.IsEmpty)
        {
            ok.Headers.Add("Content-Type", contentType);
            ok.Body = sdp;
        }
        return ok;
    }

    private DialogId DialogId => new(Invite.CallId, LocalTag, Invite.From.Tag ?? string.Empty);

    private SipDialog Confirm(SipResponse ok, bool alreadySent)
    {
        var dialog = _ua.CreateUasDialog(Invite, LocalTag, Transaction);
        SipRequest? earlyAck;
        lock (_scheduleGate)
        {
            Dialog = dialog;
            earlyAck = _earlyAck;
            _earlyAck = null;
        }
        dialog.Send2xx(Transaction, ok, alreadySent);
        _ua.ForgetEarlyAck(DialogId);
        if (earlyAck is not null)
        {
            dialog.OnAck(earlyAck);
        }
        return dialog;
    }

    /// <summary>An ACK for the scheduled 200 that came before <see cref="Accept"/> made the dialog.</summary>
    internal void OnEarlyAck(SipRequest ack)
    {
        SipDialog? dialog;
        lock (_scheduleGate)
        {
            dialog = Dialog;
            if (dialog is null)
            {
                _earlyAck ??= ack;
                return;
            }
        }
        dialog.OnAck(ack);
    }

    /// <summary>
    /// Withdraws a scheduled 200 (the caller of this then answers as it means to), or returns it when
    /// it has left or is leaving. Called once the final response is decided (<see cref="_final"/> set).
    /// </summary>
    private SipResponse? TakeScheduledIfGone()
    {
        ScheduledDatagram? scheduled;
        SipResponse? ok;
        lock (_scheduleGate)
        {
            (scheduled, ok) = (_scheduled, _scheduledOk);
            (_scheduled, _scheduledOk) = (null, null);
        }
        if (scheduled is null)
        {
            return null;
        }
        if (scheduled.TryCancel())
        {
            _ua.ForgetEarlyAck(DialogId);
            return null;
        }
        return ok;
    }

    private void OnCancelRequested(ServerInviteTransaction tx)
    {
        // RFC 3261 9.2: the UAS answers the INVITE with 487 if it has not sent a final response.
        if (Reject(487))
        {
            _cancelled.Cancel();
            Cancelled?.Invoke(this);
        }
    }
}
