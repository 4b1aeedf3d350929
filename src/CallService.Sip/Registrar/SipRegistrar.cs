using System.Globalization;
using CallService.Sip.Auth;
using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Sip.Registrar;

/// <summary>
/// A registrar (RFC 3261 10.3) on the UA core: REGISTER requests are authenticated with digest
/// (RFC 7616/8760: SHA-256 and MD5 challenges), throttled per source address after repeated
/// failures, and turn into bindings in an <see cref="IRegistrationStore"/> that expire on the
/// injected clock. Several contacts per address-of-record, refresh, removal of one contact
/// (Expires 0) or all (Contact: *), 423 for too brief intervals, and the Call-ID/CSeq ordering of
/// step 7. A request that does not authenticate never changes a binding.
/// </summary>
public sealed class SipRegistrar
{
    private readonly RegistrarOptions _options;
    private readonly IRegistrarAccounts _accounts;
    private readonly DigestAuthenticator _authenticator;
    private readonly AuthFailureThrottle _throttle;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<string, string, DigestAlgorithm, string?> _lookupHa1;
    private string _product = "CallService";

    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public SipRegistrar(
        RegistrarOptions options,
        IRegistrationStore store,
        IRegistrarAccounts accounts,
        DigestAuthenticator authenticator,
        AuthFailureThrottle throttle,
        TimeProvider time,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(throttle);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _options = options;
        Store = store;
        _accounts = accounts;
        _authenticator = authenticator;
        _throttle = throttle;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _lookupHa1 = _accounts.FindHa1;
        Store.Changed += OnStoreChanged;
    }

    public RegistrarOptions Options => _options;

    /// <summary>The bindings (subscribe to <see cref="IRegistrationStore.Changed"/> to follow them).</summary>
    public IRegistrationStore Store { get; }

    /// <summary>The canonical address-of-record of <paramref name="user"/>: "sip:user@domain".</summary>
    public string AddressOfRecordFor(string user) => _options.AddressOfRecordFor(user);

    /// <summary>The live bindings of <paramref name="user"/>'s address-of-record.</summary>
    public IReadOnlyList<SipBinding> GetBindings(string user) => Store.GetBindings(AddressOfRecordFor(user));

    /// <summary>
    /// Serves REGISTER on <paramref name="userAgent"/>: allows the method (Allow header, no 405) and
    /// chains its <see cref="SipUserAgent.RequestHandler"/> so other requests still reach the handler set before.
    /// </summary>
    public void Attach(SipUserAgent userAgent)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        _product = userAgent.Product;
        userAgent.AllowMethod(SipMethod.Register);
        Func<ServerTransaction, bool>? previous = userAgent.RequestHandler;
        userAgent.RequestHandler = tx => TryHandle(tx) || (previous?.Invoke(tx) ?? false);
    }

    /// <summary>Answers <paramref name="transaction"/> when it is a REGISTER (a <see cref="SipUserAgent.RequestHandler"/>); false for other methods.</summary>
    public bool TryHandle(ServerTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Request.Method != SipMethod.Register)
        {
            return false;
        }

        Handle(transaction);
        return true;
    }

    private void Handle(ServerTransaction tx)
    {
        SipRequest request = tx.Request;
        string source = tx.Source.ToString();

        // The throttle comes before any work, the challenge included: a blocked address is told
        // once (403), then gets no answer at all until the block ends.
        switch (_throttle.Check(tx.Source.EndPoint.Address))
        {
            case AuthThrottleDecision.Forbid:
                RegistrarLog.SourceBlocked(_logger, source);
                Respond(tx, 403, "Too Many Failed Authentications");
                return;
            case AuthThrottleDecision.Drop:
                RegistrarLog.Dropped(_logger, source);
                ServerTransactionDiscard.Discard(tx);
                return;
        }

        // RFC 3261 10.3 step 1: only the domains we serve.
        if (_options.ServedHosts.Count > 0 && !_options.ServedHosts.Contains(request.RequestUri.Host, StringComparer.OrdinalIgnoreCase))
        {
            Refuse(tx, null, 404, "Domain Not Served");
            return;
        }

        // RFC 3261 10.3 step 3 (22.3): authenticate.
        if (!Authenticate(tx, out string? user))
        {
            return;
        }

        // Step 4: the authenticated user may change only its own address-of-record.
        string? aorUser = request.To.Uri.User;
        if (!request.To.Uri.IsSipOrSips || aorUser is null || !string.Equals(aorUser, user, StringComparison.Ordinal))
        {
            RegistrarLog.NotAuthorized(_logger, source, user, request.To.Uri.ToString());
            Refuse(tx, request.To.Uri.ToString(), 403, "Not Allowed To Register This Address");
            return;
        }

        // Step 5: the canonical address-of-record.
        string aor = AddressOfRecordFor(aorUser);

        // Step 6 and the expiries of step 7.
        RegisterContacts contacts = RegisterContacts.Read(request, _options);
        if (contacts.Rejection != RegisterRejection.None)
        {
            RefuseContacts(tx, aor, contacts.Rejection);
            return;
        }

        // Step 7, atomically for all contacts of the request.
        var attempt = new RegisterAttempt(aor, request.CallId, request.CSeq.Number, tx.Source, _time.GetUtcNow(), user,
            request.Headers.GetFirst("User-Agent"));
        RegisterRejection rejection = RegisterRejection.None;
        IReadOnlyList<SipBinding>? committed = Store.Update(aor, current =>
        {
            (IReadOnlyList<SipBinding>? next, RegisterRejection why) = BindingRules.Apply(current, contacts, attempt, _options.MaxContactsPerAddressOfRecord);
            rejection = why;
            return next;
        });
        if (committed is null)
        {
            RefuseContacts(tx, aor, rejection);
            return;
        }

        // Step 8: 200 listing every current binding with its expiry.
        SipResponse ok = CreateResponse(request, 200, null);
        DateTimeOffset now = _time.GetUtcNow();
        foreach (SipBinding binding in committed)
        {
            ok.Headers.Add("Contact", binding.Contact.WithParameter("expires", binding.SecondsLeft(now).ToString(CultureInfo.InvariantCulture)).ToString());
        }

        ok.Headers.Add("Date", now.ToString("r", CultureInfo.InvariantCulture));
        tx.SendResponse(ok);
    }

    private bool Authenticate(ServerTransaction tx, out string? user)
    {
        user = null;
        SipRequest request = tx.Request;
        string source = tx.Source.ToString();
        IReadOnlyList<string> authorizations = request.Headers.GetAll("Authorization");
        if (authorizations.Count == 0)
        {
            Challenge(tx, stale: false);
            return false;
        }

        // One Authorization per realm may come (RFC 3261 22.4): use ours, else the first that parses.
        DigestCredentials? credentials = null;
        foreach (string value in authorizations)
        {
            if (DigestCredentials.TryParse(value, out DigestCredentials? parsed, out _))
            {
                if (string.Equals(parsed.Realm, _options.Realm, StringComparison.Ordinal))
                {
                    credentials = parsed;
                    break;
                }

                credentials ??= parsed;
            }
        }

        DigestVerification verification = credentials is null
            ? new DigestVerification(DigestVerificationResult.Malformed, null, null)
            : _authenticator.Verify(SipMethods.ToToken(SipMethod.Register), _options.Realm, credentials, _lookupHa1);

        if (verification.IsSuccess)
        {
            _throttle.RecordSuccess(tx.Source.EndPoint.Address);
            user = verification.Username;
            return true;
        }

        if (verification.IsCredentialFailure || verification.Result == DigestVerificationResult.Malformed)
        {
            // Malformed credentials are counted too: an honest UA never sends them, a flood might.
            RegistrarLog.AuthenticationFailed(_logger, source, verification.Username, verification.Result);
            if (_throttle.RecordFailure(tx.Source.EndPoint.Address) && _throttle.Check(tx.Source.EndPoint.Address) == AuthThrottleDecision.Forbid)
            {
                RegistrarLog.SourceBlocked(_logger, source);
                Respond(tx, 403, "Too Many Failed Authentications");
                return false;
            }
        }

        if (verification.Result == DigestVerificationResult.Malformed)
        {
            // RFC 3261 21.4.1: credentials that do not parse are a bad request.
            Refuse(tx, null, 400, "Malformed Authorization");
            return false;
        }

        // Wrong password, unknown user, foreign nonce or realm, unsupported algorithm or qop: a fresh
        // challenge (RFC 3261 22.2). Stale or replayed nonce with a right password: stale=true, so the
        // UA retries with the new nonce without asking its user (RFC 7616 3.3).
        Challenge(tx, verification.ShouldChallengeStale);
        return false;
    }

    private void Challenge(ServerTransaction tx, bool stale)
    {
        SipResponse challenge = CreateResponse(tx.Request, 401, null);
        foreach (DigestChallenge value in ChallengesFor(tx.Request.To.Uri.User, stale))
        {
            // RFC 8760 2.4: one WWW-Authenticate per algorithm, most preferred first.
            challenge.Headers.Add("WWW-Authenticate", value.ToHeaderValue());
        }

        RegistrarLog.Challenged(_logger, tx.Source.ToString(), stale);
        tx.SendResponse(challenge);
    }

    /// <summary>
    /// The challenges for a REGISTER of <paramref name="user"/>: every enabled algorithm whose hash
    /// family the account has an HA1 for. An account configured with an MD5 HA1 only is offered MD5
    /// only: a SHA-256 challenge could never be answered for it, and some deployed UAs (baresip 1.0
    /// with libre before SHA-256 support) give up on a 401 that carries any algorithm they do not
    /// know instead of answering the one they do. Unknown users get every algorithm, so the
    /// challenge does not tell which accounts exist.
    /// </summary>
    private IEnumerable<DigestChallenge> ChallengesFor(string? user, bool stale)
    {
        IReadOnlyList<DigestChallenge> all = _authenticator.CreateChallenges(_options.Realm, stale);
        if (user is null)
        {
            return all;
        }

        DigestChallenge[] answerable = [.. all.Where(c => _accounts.FindHa1(user, _options.Realm, c.EffectiveAlgorithm.Family()) is not null)];
        return answerable.Length == 0 ? all : answerable;
    }

    private void RefuseContacts(ServerTransaction tx, string aor, RegisterRejection rejection)
    {
        switch (rejection)
        {
            case RegisterRejection.IntervalTooBrief:
                // RFC 3261 10.3 step 7 and 20.23: 423 names the shortest interval we accept.
                SipResponse tooBrief = CreateResponse(tx.Request, 423, null);
                tooBrief.Headers.Add("Min-Expires", ((long)_options.MinExpires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
                RegistrarLog.Refused(_logger, aor, tx.Source.ToString(), 423, tooBrief.ReasonPhrase);
                tx.SendResponse(tooBrief);
                return;
            case RegisterRejection.InvalidWildcard:
                Refuse(tx, aor, 400, "Invalid Wildcard Contact");
                return;
            case RegisterRejection.InvalidContact:
                Refuse(tx, aor, 400, "Invalid Contact");
                return;
            case RegisterRejection.TooManyContacts:
                Refuse(tx, aor, 403, "Too Many Contacts");
                return;
            default:
                // RFC 3261 10.3 step 7: an out-of-order request fails and changes nothing.
                Refuse(tx, aor, 500, "Out Of Order Registration");
                return;
        }
    }

    private void Refuse(ServerTransaction tx, string? aor, int statusCode, string reason)
    {
        RegistrarLog.Refused(_logger, aor, tx.Source.ToString(), statusCode, reason);
        Respond(tx, statusCode, reason);
    }

    private void Respond(ServerTransaction tx, int statusCode, string reason) => tx.SendResponse(CreateResponse(tx.Request, statusCode, reason));

    private SipResponse CreateResponse(SipRequest request, int statusCode, string? reason)
    {
        SipResponse response = SipResponseFactory.Create(request, statusCode, reason, request.To.Tag is null ? SipIds.NewTag() : null);
        response.Headers.Add("Server", _product);
        return response;
    }

    private void OnStoreChanged(BindingChange change)
    {
        SipBinding binding = change.Binding;
        switch (change.Kind)
        {
            case BindingChangeKind.Added:
                RegistrarLog.Bound(_logger, binding.AddressOfRecord, binding.ContactUri.ToString(), binding.Source.ToString(), binding.SecondsLeft(_time.GetUtcNow()));
                break;
            case BindingChangeKind.Refreshed:
                RegistrarLog.Refreshed(_logger, binding.AddressOfRecord, binding.ContactUri.ToString(), binding.Source.ToString(), binding.SecondsLeft(_time.GetUtcNow()));
                break;
            case BindingChangeKind.Removed:
                RegistrarLog.Removed(_logger, binding.AddressOfRecord, binding.ContactUri.ToString(), change.RemovalReason);
                break;
        }
    }
}
