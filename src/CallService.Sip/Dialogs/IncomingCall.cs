using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;

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
    private int _final; // 0 none, 1 sent

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

    public bool IsAnswered => Volatile.Read(ref _final) == 1;

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

    /// <summary>Answers 200 OK with <paramref name="sdp"/> and returns the confirmed dialog; the 2xx
    /// is retransmitted until the ACK arrives (<see cref="SipDialog.Acked"/>). Null when the call
    /// was already cancelled or answered.</summary>
    public SipDialog? Accept(ReadOnlyMemory<byte> sdp, string contentType = "application/sdp")
    {
        if (Interlocked.CompareExchange(ref _final, 1, 0) != 0)
        {
            return null;
        }
        var ok = _ua.CreateDialogResponse(Invite, 200, LocalTag);
        if (!sdp.IsEmpty)
        {
            ok.Headers.Add("Content-Type", contentType);
            ok.Body = sdp;
        }
        var dialog = _ua.CreateUasDialog(Invite, LocalTag, Transaction);
        Dialog = dialog;
        dialog.Send2xx(Transaction, ok);
        return dialog;
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
