using System.Collections.Concurrent;
using CallService.Sip.Dialogs;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace CallService.Sip.Core;

/// <summary>
/// The UA core (RFC 3261 8, 12-15) above the transaction layer: checks requests (8.2), routes
/// in-dialog requests to their dialog, offers new INVITEs to the application as
/// <see cref="IncomingCall"/>, answers OPTIONS, refuses what nobody handles (405/501), and places
/// calls and out-of-dialog requests.
/// </summary>
public sealed partial class SipUserAgent : ISipTransactionUser
{
    private static readonly SipMethod[] CoreMethods =
        [SipMethod.Invite, SipMethod.Ack, SipMethod.Bye, SipMethod.Cancel, SipMethod.Options, SipMethod.Info, SipMethod.Update];

    private readonly SipStack _stack;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<DialogId, SipDialog> _dialogs = new();
    private readonly ConcurrentDictionary<DialogId, IncomingCall> _scheduledAnswers = new();
    private readonly HashSet<SipMethod> _extraMethods = [];
    private SipValidationPolicy _policy;

    internal SipUserAgent(SipStack stack, ILogger logger)
    {
        _stack = stack;
        _logger = logger;
        _policy = BuildPolicy();
    }

    /// <summary>New INVITEs outside a dialog. Without a handler they get 480 Temporarily Unavailable.</summary>
    public Action<IncomingCall>? IncomingCall { get; set; }

    /// <summary>Out-of-dialog requests other than INVITE, CANCEL and ACK (REGISTER, OPTIONS, MESSAGE...).
    /// Return true when the handler answered the transaction; false lets the core answer it.</summary>
    public Func<ServerTransaction, bool>? RequestHandler { get; set; }

    public int DialogCount => _dialogs.Count;

    public string Product => _stack.Options.Product;

    internal TimeProvider Time => _stack.Time;

    internal SipTimerOptions Timers => _stack.Options.Timers;

    internal SipTimerQueue TimerQueue => _stack.Transactions.TimerQueue;

    internal SipTransactionLayer Transactions => _stack.Transactions;

    /// <summary>Methods beyond the core set that a <see cref="RequestHandler"/> serves (e.g. REGISTER);
    /// they are listed in Allow and not refused with 405.</summary>
    public void AllowMethod(SipMethod method)
    {
        lock (_extraMethods)
        {
            _extraMethods.Add(method);
            _policy = BuildPolicy();
        }
    }

    public string AllowHeader
    {
        get
        {
            lock (_extraMethods)
            {
                return string.Join(", ", CoreMethods.Concat(_extraMethods).Select(SipMethods.ToToken));
            }
        }
    }

    private SipValidationPolicy BuildPolicy() => new()
    {
        AllowedMethods = new HashSet<SipMethod>(CoreMethods.Concat(_extraMethods)),
    };

    // ---- ISipTransactionUser ----

    void ISipTransactionUser.OnRequest(ServerTransaction tx)
    {
        var request = tx.Request;
        var verdict = SipRequestValidator.Validate(request, _policy);
        if (!verdict.IsOk)
        {
            var refusal = SipResponseFactory.Create(request, verdict.StatusCode, verdict.ReasonPhrase, request.To.Tag is null ? SipIds.NewTag() : null);
            foreach (var header in verdict.ResponseHeaders)
            {
                refusal.Headers.Add(header.Name, header.Value);
            }
            if (verdict.StatusCode == 405 && !refusal.Headers.Contains("Allow"))
            {
                refusal.Headers.Add("Allow", AllowHeader);
            }
            refusal.Headers.Add("Server", Product);
            tx.SendResponse(refusal);
            LogRefused(_logger, request.MethodToken, request.CallId, verdict.StatusCode, verdict.ReasonPhrase);
            return;
        }

        if (request.To.Tag is { } toTag)
        {
            // RFC 3261 12.2.2: inside a dialog, or 481 when the dialog is unknown.
            var id = new DialogId(request.CallId, toTag, request.From.Tag ?? string.Empty);
            if (_dialogs.TryGetValue(id, out var dialog))
            {
                dialog.OnRequest(tx);
            }
            else
            {
                tx.SendResponse(SipResponseFactory.Create(request, 481));
            }
            return;
        }

        switch (request.Method)
        {
            case SipMethod.Invite:
                var handler = IncomingCall;
                var call = new IncomingCall(this, (ServerInviteTransaction)tx);
                if (handler is null)
                {
                    call.Reject(480);
                    return;
                }
                handler(call);
                return;
            case SipMethod.Bye or SipMethod.Update or SipMethod.Info:
                // These only make sense inside a dialog (RFC 3261 15, RFC 3311, RFC 6086).
                tx.SendResponse(SipResponseFactory.Create(request, 481, null, SipIds.NewTag()));
                return;
        }

        if (RequestHandler?.Invoke(tx) == true)
        {
            return;
        }
        if (request.Method == SipMethod.Options)
        {
            tx.SendResponse(CreateOptionsResponse(request));
            return;
        }
        var refused = SipResponseFactory.Create(request, 405, null, SipIds.NewTag());
        refused.Headers.Add("Allow", AllowHeader);
        tx.SendResponse(refused);
    }

    /// <summary>RFC 3261 11.2: what we can do, without a body.</summary>
    public SipResponse CreateOptionsResponse(SipRequest options)
    {
        var ok = SipResponseFactory.Create(options, 200, null, options.To.Tag is null ? SipIds.NewTag() : null);
        ok.Headers.Add("Allow", AllowHeader);
        ok.Headers.Add("Accept", "application/sdp, application/dtmf-relay, application/dtmf");
        ok.Headers.Add("Accept-Encoding", "identity");
        ok.Headers.Add("Accept-Language", "zh-CN, en");
        ok.Headers.Add("Supported", "");
        ok.Headers.Add("Server", Product);
        return ok;
    }

    void ISipTransactionUser.OnAck(SipRequest ack, SipEndPoint source)
    {
        var id = new DialogId(ack.CallId, ack.To.Tag ?? string.Empty, ack.From.Tag ?? string.Empty);
        if (_dialogs.TryGetValue(id, out var dialog))
        {
            dialog.OnAck(ack);
        }
        else if (_scheduledAnswers.TryGetValue(id, out var call))
        {
            // The 200 left at its instant and the caller answered it before this process, paused
            // meanwhile, confirmed the dialog: the call keeps the ACK for the dialog it is about to make.
            call.OnEarlyAck(ack);
        }
    }

    /// <summary>An incoming call's 200 is scheduled (<see cref="IncomingCall.ScheduleAccept"/>): its ACK may come before its dialog.</summary>
    internal void ExpectEarlyAck(DialogId id, IncomingCall call) => _scheduledAnswers[id] = call;

    internal void ForgetEarlyAck(DialogId id) => _scheduledAnswers.TryRemove(id, out _);

    void ISipTransactionUser.OnStrayResponse(SipResponse response, SipEndPoint source)
    {
        // A 2xx to an INVITE retransmitted after our transaction ended (RFC 3261 13.2.2.4).
        if (response.StatusCode is >= 200 and < 300 && response.CSeq.Method == SipMethod.Invite)
        {
            var id = new DialogId(response.CallId, response.From.Tag ?? string.Empty, response.To.Tag ?? string.Empty);
            if (_dialogs.TryGetValue(id, out var dialog))
            {
                dialog.OnRetransmitted2xx(response);
            }
        }
    }

    // ---- building blocks for dialogs and calls ----

    internal string NewVia(SipProtocol protocol) =>
        $"SIP/2.0/{SipUriResolver.ViaToken(protocol)} {HostPort};branch={SipIds.NewBranch()};rport";

    private string HostPort
    {
        get
        {
            string host = _stack.Options.AdvertisedHost;
            if (host.Contains(':') && !host.StartsWith('['))
            {
                host = "[" + host + "]";
            }
            return $"{host}:{_stack.Options.AdvertisedPort}";
        }
    }

    /// <summary>Our Contact for <paramref name="user"/> on <paramref name="protocol"/>.</summary>
    public SipNameAddress Contact(string? user, SipProtocol protocol = SipProtocol.Udp)
    {
        string transport = protocol == SipProtocol.Udp ? string.Empty : ";transport=" + SipUriResolver.ViaToken(protocol).ToLowerInvariant();
        string userPart = string.IsNullOrEmpty(user) ? string.Empty : user + "@";
        return SipNameAddress.TryParse($"<sip:{userPart}{HostPort}{transport}>", out var contact)
            ? contact!
            : throw new InvalidOperationException("Our own Contact did not parse: check the advertised host.");
    }

    /// <summary>A response within (or creating) a dialog: RFC 3261 12.1.1 copies Record-Route and adds
    /// our Contact to 101-299 responses to dialog-creating requests.</summary>
    internal SipResponse CreateDialogResponse(SipRequest request, int statusCode, string localTag, string? reason = null)
    {
        var response = SipResponseFactory.Create(request, statusCode, reason, localTag);
        if (statusCode is > 100 and < 300 && request.Method is SipMethod.Invite or SipMethod.Update or SipMethod.Subscribe)
        {
            foreach (var rr in request.Headers.GetAll("Record-Route"))
            {
                response.Headers.Add("Record-Route", rr);
            }
            response.Headers.Add("Contact", Contact(request.RequestUri.User, ProtocolOf(request)).ToString());
        }
        if (statusCode == 200 && request.Method == SipMethod.Invite)
        {
            response.Headers.Add("Allow", AllowHeader);
        }
        response.Headers.Add("Server", Product);
        return response;
    }

    private static SipProtocol ProtocolOf(SipRequest request) =>
        SipUriResolver.ProtocolOf(request.TopVia.Transport) ?? SipProtocol.Udp;

    /// <summary>RFC 3261 12.1.1: the UAS side of a dialog created by a 2xx to <paramref name="invite"/>.</summary>
    internal SipDialog CreateUasDialog(SipRequest invite, string localTag, ServerInviteTransaction tx)
    {
        var remoteTarget = invite.Contacts is [var contact, ..] ? contact.Uri : invite.From.Uri;
        var dialog = new SipDialog(this,
            new DialogId(invite.CallId, localTag, invite.From.Tag ?? string.Empty),
            isCaller: false,
            localParty: invite.To.WithTag(localTag),
            remoteParty: invite.From,
            remoteTarget: remoteTarget,
            routeSet: invite.RecordRoutes.ToArray(),
            localSeq: (uint)Random.Shared.Next(1, 10_000),
            remoteSeq: invite.CSeq.Number,
            protocol: ProtocolOf(invite),
            peer: tx.Peer);
        Register(dialog);
        return dialog;
    }

    /// <summary>RFC 3261 12.1.2: the UAC side, from our INVITE and the 2xx; the route set is the
    /// response's Record-Route reversed.</summary>
    internal SipDialog CreateUacDialog(SipRequest invite, SipResponse ok, SipEndPoint destination)
    {
        var remoteTarget = ok.Contacts is [var contact, ..] ? contact.Uri : invite.RequestUri;
        var routes = ok.RecordRoutes.Reverse().ToArray();
        return new SipDialog(this,
            new DialogId(invite.CallId, invite.From.Tag ?? string.Empty, ok.To.Tag ?? string.Empty),
            isCaller: true,
            localParty: invite.From,
            remoteParty: ok.To,
            remoteTarget: remoteTarget,
            routeSet: routes,
            localSeq: invite.CSeq.Number,
            remoteSeq: null,
            protocol: destination.Protocol,
            peer: destination);
    }

    internal void Register(SipDialog dialog) => _dialogs[dialog.Id] = dialog;

    internal void Forget(SipDialog dialog) =>
        _dialogs.TryRemove(new KeyValuePair<DialogId, SipDialog>(dialog.Id, dialog));

    public bool TryGetDialog(DialogId id, out SipDialog? dialog)
    {
        bool found = _dialogs.TryGetValue(id, out var d);
        dialog = d;
        return found;
    }

    // ---- requests we originate ----

    /// <summary>RFC 3261 8.1.1: a new out-of-dialog request with fresh Call-ID (unless given), From tag and branch.</summary>
    public SipRequest CreateRequest(SipMethod method, SipUri requestUri, SipNameAddress from, SipNameAddress to,
        string? callId = null, uint cseq = 1, SipProtocol? protocol = null)
    {
        var request = new SipRequest(method, requestUri);
        var via = protocol ?? SipUriResolver.ProtocolOf(requestUri.Transport) ?? _stack.Options.DefaultProtocol;
        request.Headers.Add("Via", NewVia(via));
        request.Headers.Add("Max-Forwards", "70");
        request.Headers.Add("From", (from.Tag is null ? from.WithTag(SipIds.NewTag()) : from).ToString());
        request.Headers.Add("To", to.ToString());
        request.Headers.Add("Call-ID", callId ?? SipIds.NewCallId(_stack.Options.AdvertisedHost));
        request.Headers.Add("CSeq", $"{cseq} {SipMethods.ToToken(method)}");
        if (method is SipMethod.Invite or SipMethod.Register or SipMethod.Subscribe)
        {
            request.Headers.Add("Contact", Contact(from.Uri.User, via).ToString());
        }
        request.Headers.Add("User-Agent", Product);
        return request;
    }

    /// <summary>Sends <paramref name="request"/> in a new client transaction and returns how it ended.
    /// Cancelling <paramref name="cancellationToken"/> stops waiting; the transaction runs its course.</summary>
    public async Task<ClientTransactionOutcome> SendAsync(SipRequest request, SipEndPoint? destination,
        Action<ClientTransaction, SipResponse>? onResponse, CancellationToken cancellationToken)
    {
        var target = destination ?? await SipUriResolver.ResolveAsync(request.RequestUri, _stack.Options.DefaultProtocol, cancellationToken).ConfigureAwait(false);
        var tx = _stack.Transactions.StartClient(request, target, onResponse);
        return await tx.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Places a call: INVITE with <paramref name="sdp"/> to <paramref name="target"/> (sent to
    /// <paramref name="destination"/>, e.g. an outbound proxy, or where the URI resolves).
    /// <paramref name="onProvisional"/> hears every 1xx, the first included (see <see cref="OutgoingCall.FirstProvisional"/>).</summary>
    public async Task<OutgoingCall> CallAsync(SipUri target, SipNameAddress from, SipNameAddress? to, ReadOnlyMemory<byte> sdp,
        SipEndPoint? destination = null, IEnumerable<SipHeader>? headers = null, CancellationToken cancellationToken = default,
        Action<OutgoingCall, SipResponse>? onProvisional = null)
    {
        var invite = CreateRequest(SipMethod.Invite, target, from, to ?? new SipNameAddress(target));
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                invite.Headers.Add(header.Name, header.Value);
            }
        }
        if (!sdp.IsEmpty)
        {
            invite.Headers.Add("Content-Type", "application/sdp");
            invite.Body = sdp;
        }
        var next = destination ?? await SipUriResolver.ResolveAsync(target, _stack.Options.DefaultProtocol, cancellationToken).ConfigureAwait(false);
        var call = new OutgoingCall(this, invite, next);
        // Subscribed before the INVITE leaves: a near peer's 1xx can come before this method returns.
        call.Provisional += onProvisional;
        var tx = _stack.Transactions.StartClient(invite, next, call.OnResponse);
        call.Transaction = tx;
        _ = tx.Completion.ContinueWith(static (t, s) => ((OutgoingCall)s!).OnTransactionEnded(t.Result), call,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return call;
    }

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Refused {Method} (Call-ID {CallId}) with {StatusCode} {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string callId, int statusCode, string? reason);
}
