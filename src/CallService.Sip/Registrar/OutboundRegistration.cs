using System.Globalization;
using CallService.Sip.Auth;
using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Sip.Registrar;

/// <summary>
/// A UA registering itself at another registrar (RFC 3261 10.2), e.g. a sales line at the PBX or
/// Kamailio in front: one Call-ID for its whole life and a rising CSeq (10.2.4), 401/407 answered with
/// digest (<see cref="DigestClient"/>, strongest algorithm offered), 423 answered with the asked
/// Min-Expires, a refresh at <see cref="OutboundRegistrationOptions.RefreshFraction"/> of the granted
/// expiry, and exponential back-off after failures. Every step is logged and observable through
/// <see cref="Status"/> and <see cref="StatusChanged"/>; time comes from the stack's clock.
/// </summary>
public sealed class OutboundRegistration : IAsyncDisposable
{
    // Rounds of one attempt: challenge, stale re-challenge, 423, and the answer to each.
    private const int MaxRounds = 5;

    private readonly SipUserAgent _userAgent;
    private readonly OutboundRegistrationOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly DigestClient _digest = new();
    private readonly string _callId;
    private readonly string _aor;
    private readonly string _registrar;
    private readonly Lock _gate = new();
    private readonly List<(Func<OutboundRegistrationStatus, bool> Condition, TaskCompletionSource<OutboundRegistrationStatus> Done)> _waiters = [];
    private OutboundRegistrationStatus _status = new(OutboundRegistrationState.Stopped, null, null, null, null, 0, 0);
    private uint _cseq;
    private TimeSpan _expires;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public OutboundRegistration(SipUserAgent userAgent, OutboundRegistrationOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _userAgent = userAgent;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = userAgent.Time;
        _expires = options.Expires;
        _aor = options.AddressOfRecord.ToString();
        _registrar = options.Registrar.ToString();
        _callId = SipIds.NewCallId(options.AddressOfRecord.Host);
    }

    /// <summary>The current state (a snapshot).</summary>
    public OutboundRegistrationStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Raised after each change of <see cref="Status"/>. Handlers must not block.</summary>
    public event Action<OutboundRegistrationStatus>? StatusChanged;

    /// <summary>The Call-ID of every REGISTER this registration sends (RFC 3261 10.2.4).</summary>
    public string CallId => _callId;

    /// <summary>Starts registering and keeps the registration fresh until <see cref="StopAsync"/>.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_loop is not null)
            {
                return;
            }

            _stop = new CancellationTokenSource();
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }

        OutboundRegistrationLog.Started(_logger, _aor, _registrar);
    }

    /// <summary>Completes with the first status (the current one included) that meets <paramref name="condition"/>.</summary>
    public Task<OutboundRegistrationStatus> WaitForAsync(Func<OutboundRegistrationStatus, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource<OutboundRegistrationStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_status))
            {
                return Task.FromResult(_status);
            }

            _waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops refreshing and removes the binding (REGISTER with Expires: 0) when one may exist.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task? loop;
        CancellationTokenSource? stop;
        lock (_gate)
        {
            loop = _loop;
            stop = _stop;
            _loop = null;
            _stop = null;
        }

        if (loop is null || stop is null)
        {
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            stop.Dispose();
        }

        OutboundRegistrationStatus last = Status;
        if (last.ExpiresAt is { } expiresAt && expiresAt > _time.GetUtcNow())
        {
            Publish(last with { State = OutboundRegistrationState.Unregistering, NextAttemptAt = null });
            Attempt removal = await RegisterOnceAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            OutboundRegistrationLog.Unregistered(_logger, _aor, _registrar, removal.StatusCode);
            last = Status;
            Publish(last with { State = OutboundRegistrationState.Stopped, LastStatusCode = removal.StatusCode, LastReason = removal.Reason, ExpiresAt = removal.Success ? null : last.ExpiresAt });
        }
        else
        {
            Publish(last with { State = OutboundRegistrationState.Stopped, NextAttemptAt = null });
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await StopAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The registrar did not answer the removal in time: the binding will expire there.
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Publish(Status with { State = OutboundRegistrationState.Registering, NextAttemptAt = null });
            Attempt attempt;
            try
            {
                attempt = await RegisterOnceAsync(_expires, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever went wrong, the loop keeps going: a failure like any other, retried after the back-off.
                attempt = Attempt.Failure(500, ex.Message, null);
            }

            DateTimeOffset now = _time.GetUtcNow();
            TimeSpan wait;
            OutboundRegistrationStatus next;
            OutboundRegistrationStatus last = Status;
            if (attempt.Success)
            {
                // RFC 3261 10.2.1: refresh before the granted expiry runs out.
                wait = attempt.Granted * _options.RefreshFraction;
                if (wait < TimeSpan.FromSeconds(1))
                {
                    wait = TimeSpan.FromSeconds(1);
                }

                next = last with
                {
                    State = OutboundRegistrationState.Registered,
                    LastStatusCode = attempt.StatusCode,
                    LastReason = attempt.Reason,
                    ExpiresAt = now + attempt.Granted,
                    NextAttemptAt = now + wait,
                    ConsecutiveFailures = 0,
                };
                OutboundRegistrationLog.Registered(_logger, _aor, _registrar, (int)attempt.Granted.TotalSeconds, (int)wait.TotalSeconds);
            }
            else
            {
                int failures = last.ConsecutiveFailures + 1;
                wait = Backoff(failures, attempt.RetryAfter);
                next = last with
                {
                    State = OutboundRegistrationState.Failed,
                    LastStatusCode = attempt.StatusCode,
                    LastReason = attempt.Reason,
                    ExpiresAt = last.ExpiresAt > now ? last.ExpiresAt : null,
                    NextAttemptAt = now + wait,
                    ConsecutiveFailures = failures,
                };
                OutboundRegistrationLog.Failed(_logger, _aor, _registrar, attempt.StatusCode, attempt.Reason, failures, wait.TotalSeconds);
            }

            // The timer starts before the status is published, so whoever reads NextAttemptAt and
            // moves a fake clock cannot move it before the timer exists.
            Task delay = Task.Delay(wait, _time, cancellationToken);
            Publish(next);
            await delay.ConfigureAwait(false);
        }
    }

    private TimeSpan Backoff(int failures, TimeSpan? retryAfter)
    {
        double factor = Math.Pow(2, Math.Min(failures - 1, 30));
        TimeSpan delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryMaxDelay.Ticks, _options.RetryInitialDelay.Ticks * factor));

        // RFC 3261 20.33: a Retry-After asks for at least that long.
        return retryAfter is { } asked && asked > delay ? (asked < _options.RetryMaxDelay ? asked : _options.RetryMaxDelay) : delay;
    }

    /// <summary>One registration attempt: the REGISTER and what its answers require (challenge, 423).</summary>
    private async Task<Attempt> RegisterOnceAsync(TimeSpan expires, CancellationToken cancellationToken)
    {
        string? authorizationHeader = null;
        DigestCredentials? credentials = null;
        for (int round = 0; round < MaxRounds; round++)
        {
            SipRequest request = CreateRegister(expires, authorizationHeader, credentials);
            OutboundRegistrationLog.Sending(_logger, _aor, _registrar, request.CSeq.Number, (int)expires.TotalSeconds, credentials is not null);
            CountRequest();
            ClientTransactionOutcome outcome;
            try
            {
                outcome = await _userAgent.SendAsync(request, _options.Destination, null, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Unresolvable registrar, refused connection, failed send: a failure like any other, retried.
                return Attempt.Failure(503, ex.Message, null);
            }

            if (outcome.Response is not { } response)
            {
                return Attempt.Failure(outcome.StatusCode, outcome.End.ToString(), null);
            }

            switch (response.StatusCode)
            {
                case >= 200 and < 300:
                    TimeSpan granted = GrantedExpiry(response, request, expires);
                    return granted > TimeSpan.Zero || expires == TimeSpan.Zero
                        ? Attempt.Succeeded(response.StatusCode, response.ReasonPhrase, granted)
                        : Attempt.Failure(response.StatusCode, "the registrar granted no time to our contact", null);

                case 401 or 407:
                    string challengeHeader = response.StatusCode == 401 ? "WWW-Authenticate" : "Proxy-Authenticate";
                    DigestChallenge? challenge = _options.Secret is null ? null : DigestClient.SelectChallenge(ParseChallenges(response, challengeHeader), _options.Secret);
                    if (challenge is null)
                    {
                        return Attempt.Failure(response.StatusCode, "no challenge we can answer", null);
                    }

                    OutboundRegistrationLog.Challenged(_logger, _aor, response.StatusCode, challenge.Realm, challenge.EffectiveAlgorithm.ToToken(), challenge.Stale);

                    // A second challenge for the same realm without stale=true: the credentials were refused (RFC 7616 3.3).
                    if (credentials is not null && !challenge.Stale && string.Equals(credentials.Realm, challenge.Realm, StringComparison.Ordinal))
                    {
                        return Attempt.Failure(response.StatusCode, "credentials refused", null);
                    }

                    authorizationHeader = response.StatusCode == 401 ? "Authorization" : "Proxy-Authorization";
                    credentials = _digest.Authorize(challenge, _options.Username ?? _options.AddressOfRecord.User!, _options.Secret!,
                        SipMethods.ToToken(SipMethod.Register), _options.Registrar.ToString());
                    continue;

                case 423 when expires > TimeSpan.Zero:
                    // RFC 3261 10.2.8: ask again with at least Min-Expires.
                    if (response.Headers.GetFirst("Min-Expires") is { } text
                        && uint.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out uint minimum)
                        && TimeSpan.FromSeconds(minimum) > expires)
                    {
                        OutboundRegistrationLog.IntervalTooBrief(_logger, _aor, (int)minimum);
                        expires = TimeSpan.FromSeconds(minimum);
                        _expires = expires;
                        continue;
                    }

                    return Attempt.Failure(423, "423 without a usable Min-Expires", null);

                default:
                    return Attempt.Failure(response.StatusCode, response.ReasonPhrase, RetryAfter(response));
            }
        }

        return Attempt.Failure(500, "too many rounds", null);
    }

    private SipRequest CreateRegister(TimeSpan expires, string? authorizationHeader, DigestCredentials? credentials)
    {
        var aor = new SipNameAddress(_options.AddressOfRecord);
        SipProtocol protocol = _options.Destination?.Protocol
            ?? SipUriResolver.ProtocolOf(_options.Registrar.Transport)
            ?? SipProtocol.Udp;
        uint cseq = Interlocked.Increment(ref _cseq);
        SipRequest request = _userAgent.CreateRequest(SipMethod.Register, _options.Registrar, aor, aor, _callId, cseq, protocol);
        request.Headers.Set("Contact", _userAgent.Contact(_options.ContactUser ?? _options.AddressOfRecord.User, protocol).ToString());
        request.Headers.Add("Expires", ((long)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        if (authorizationHeader is not null && credentials is not null)
        {
            request.Headers.Add(authorizationHeader, credentials.ToHeaderValue());
        }

        return request;
    }

    // RFC 3261 10.2.4: the expiry granted to our contact is its expires parameter in the 200,
    // else the Expires header, else what we asked for.
    private static TimeSpan GrantedExpiry(SipResponse response, SipRequest request, TimeSpan asked)
    {
        SipUri ours = request.Contacts[0].Uri;
        foreach (SipNameAddress contact in response.Contacts)
        {
            if (!contact.IsWildcard && contact.Uri.UriEquals(ours)
                && uint.TryParse(contact.GetParameter("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out uint seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return response.Expires is { } header ? TimeSpan.FromSeconds(header) : asked;
    }

    private static TimeSpan? RetryAfter(SipResponse response)
    {
        // RFC 3261 20.33: Retry-After = delta-seconds [ comment ] *( SEMI retry-param ).
        string? value = response.Headers.GetFirst("Retry-After");
        if (value is null)
        {
            return null;
        }

        ReadOnlySpan<char> span = value.AsSpan().Trim();
        int end = 0;
        while (end < span.Length && char.IsAsciiDigit(span[end]))
        {
            end++;
        }

        return uint.TryParse(span[..end], NumberStyles.None, CultureInfo.InvariantCulture, out uint seconds) ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static List<DigestChallenge> ParseChallenges(SipResponse response, string header)
    {
        var challenges = new List<DigestChallenge>();
        foreach (string value in response.Headers.GetAll(header))
        {
            if (DigestChallenge.TryParse(value, out DigestChallenge? challenge, out _))
            {
                challenges.Add(challenge);
            }
        }

        return challenges;
    }

    private void CountRequest()
    {
        lock (_gate)
        {
            _status = _status with { RequestsSent = _status.RequestsSent + 1 };
        }
    }

    private void Publish(OutboundRegistrationStatus status)
    {
        List<TaskCompletionSource<OutboundRegistrationStatus>> met = [];
        lock (_gate)
        {
            _status = status with { RequestsSent = _status.RequestsSent };
            status = _status;
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(status))
                {
                    met.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (TaskCompletionSource<OutboundRegistrationStatus> done in met)
        {
            done.TrySetResult(status);
        }

        StatusChanged?.Invoke(status);
    }

    private readonly record struct Attempt(bool Success, int StatusCode, string Reason, TimeSpan Granted, TimeSpan? RetryAfter)
    {
        public static Attempt Succeeded(int statusCode, string reason, TimeSpan granted) => new(true, statusCode, reason, granted, null);

        public static Attempt Failure(int statusCode, string reason, TimeSpan? retryAfter) => new(false, statusCode, reason, TimeSpan.Zero, retryAfter);
    }
}
