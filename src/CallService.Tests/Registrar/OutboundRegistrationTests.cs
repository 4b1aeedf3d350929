using CallService.Sip.Auth;
using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Registrar;

namespace CallService.Tests.Registrar;

/// <summary>A line registering itself at a registrar (our own, on the in-memory network with fake time):
/// digest, refresh before expiry, back-off after failures, 423, and removal on stop.</summary>
public sealed class OutboundRegistrationTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private readonly RegistrarHarness _h = new(
        new RegistrarOptions { Realm = RegistrarHarness.Realm, MinExpires = TimeSpan.FromSeconds(300) },
        new AuthFailureThrottleOptions { MaxFailures = 100 });

    private readonly SipStack _line;

    public OutboundRegistrationTests() => _line = _h.AddPhone("10.0.0.5");

    public void Dispose() => _h.Dispose();

    private OutboundRegistration Create(DigestSecret secret, TimeSpan? expires = null, TimeSpan? retryMax = null, string registrarHost = "10.0.0.1") =>
        new(_line.UserAgent, new OutboundRegistrationOptions
        {
            AddressOfRecord = SipUri.Parse("sip:8001@10.0.0.1"),
            Registrar = SipUri.Parse("sip:10.0.0.1"),
            Destination = registrarHost == "10.0.0.1"
                ? RegistrarHarness.RegistrarEndPoint
                : RegistrarHarness.RegistrarEndPoint with { EndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Parse(registrarHost), 5060) },
            Secret = secret,
            Expires = expires ?? TimeSpan.FromSeconds(600),
            RetryMaxDelay = retryMax ?? TimeSpan.FromMinutes(5),
        });

    private static Task<OutboundRegistrationStatus> Until(OutboundRegistration registration, Func<OutboundRegistrationStatus, bool> condition) =>
        registration.WaitForAsync(condition, CancellationToken.None).WaitAsync(Bound);

    [Fact]
    public async Task Registers_with_digest_refreshes_at_80_percent_keeps_the_binding_and_removes_it_on_stop()
    {
        await using OutboundRegistration registration = Create(DigestSecret.FromPassword("alice-pw"));
        DateTimeOffset start = _h.Time.GetUtcNow();

        registration.Start();
        OutboundRegistrationStatus registered = await Until(registration, s => s.State == OutboundRegistrationState.Registered);

        Assert.Equal(200, registered.LastStatusCode);
        Assert.Equal(2, registered.RequestsSent); // the challenged one and the answer
        Assert.Equal(start + TimeSpan.FromSeconds(600), registered.ExpiresAt);
        Assert.Equal(start + TimeSpan.FromSeconds(480), registered.NextAttemptAt);
        SipBinding binding = Assert.Single(_h.Registrar.GetBindings("8001"));
        Assert.Equal(registration.CallId, binding.CallId);
        Assert.Equal("sip:8001@10.0.0.5:5060", binding.ContactUri.ToString());

        for (int refresh = 1; refresh <= 5; refresh++)
        {
            _h.Time.Advance(TimeSpan.FromSeconds(480));
            long expected = 2 + (2 * refresh);
            OutboundRegistrationStatus refreshed = await Until(registration, s => s.State == OutboundRegistrationState.Registered && s.RequestsSent == expected);
            Assert.Equal(_h.Time.GetUtcNow() + TimeSpan.FromSeconds(600), refreshed.ExpiresAt);
        }

        SipBinding after = Assert.Single(_h.Registrar.GetBindings("8001"));
        Assert.Equal(binding.Id, after.Id);
        Assert.Equal(12u, after.CSeq); // one Call-ID, CSeq rising by one per request (RFC 3261 10.2.4)
        Assert.DoesNotContain(_h.Changes, c => c.Kind == BindingChangeKind.Removed);

        await registration.StopAsync(CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(OutboundRegistrationState.Stopped, registration.Status.State);
        Assert.Null(registration.Status.ExpiresAt);
        Assert.Empty(_h.Store.GetAll());
        Assert.Equal(BindingRemovalReason.Unregistered, _h.Changes[^1].RemovalReason);
    }

    [Fact]
    public async Task A_refused_password_fails_and_retries_with_doubling_delays_up_to_the_maximum()
    {
        await using OutboundRegistration registration = Create(DigestSecret.FromPassword("wrong"), retryMax: TimeSpan.FromSeconds(5));
        var waits = new List<double>();

        registration.Start();
        for (int failures = 1; failures <= 4; failures++)
        {
            OutboundRegistrationStatus failed = await Until(registration, s => s.State == OutboundRegistrationState.Failed && s.ConsecutiveFailures == failures);
            Assert.Equal(401, failed.LastStatusCode);
            Assert.Equal("credentials refused", failed.LastReason);
            TimeSpan wait = failed.NextAttemptAt!.Value - _h.Time.GetUtcNow();
            waits.Add(wait.TotalSeconds);
            _h.Time.Advance(wait);
        }

        Assert.Equal([2.0, 4.0, 5.0, 5.0], waits);
        Assert.Empty(_h.Store.GetAll());
    }

    [Fact]
    public async Task A_silent_registrar_times_out_and_the_registration_succeeds_once_it_answers()
    {
        var dropping = true;
        _h.Network.Intercept = p => dropping && p.To == RegistrarHarness.RegistrarEndPoint ? Sip.Transport.InMemorySipFate.Drop : Sip.Transport.InMemorySipFate.Deliver;
        await using OutboundRegistration registration = Create(DigestSecret.FromPassword("alice-pw"));

        registration.Start();
        // Timer F is armed before the request goes on the wire: once it is there, time may move.
        await Support.Eventually.True(() => _h.Network.Sent.Any(p => p.To == RegistrarHarness.RegistrarEndPoint), "the first REGISTER sent");
        _h.Time.Advance(TimeSpan.FromSeconds(32)); // Timer F
        OutboundRegistrationStatus failed = await Until(registration, s => s.State == OutboundRegistrationState.Failed);
        Assert.Equal(408, failed.LastStatusCode);

        dropping = false;
        _h.Time.Advance(failed.NextAttemptAt!.Value - _h.Time.GetUtcNow());
        OutboundRegistrationStatus registered = await Until(registration, s => s.State == OutboundRegistrationState.Registered);
        Assert.Equal(0, registered.ConsecutiveFailures);
        Assert.Single(_h.Registrar.GetBindings("8001"));
    }

    [Fact]
    public async Task An_MD5_HA1_answers_the_MD5_challenge()
    {
        string ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, "8001", RegistrarHarness.Realm, "alice-pw");
        await using OutboundRegistration registration = Create(DigestSecret.FromHa1(ha1, null));

        registration.Start();
        await Until(registration, s => s.State == OutboundRegistrationState.Registered);

        Assert.Single(_h.Registrar.GetBindings("8001"));
    }

    [Fact]
    public async Task A_423_is_answered_with_the_asked_Min_Expires()
    {
        await using OutboundRegistration registration = Create(DigestSecret.FromPassword("alice-pw"), expires: TimeSpan.FromSeconds(120));

        registration.Start();
        OutboundRegistrationStatus registered = await Until(registration, s => s.State == OutboundRegistrationState.Registered);

        Assert.Equal(_h.Time.GetUtcNow() + TimeSpan.FromSeconds(300), registered.ExpiresAt);
        Assert.Equal(300, Assert.Single(_h.Registrar.GetBindings("8001")).SecondsLeft(_h.Time.GetUtcNow()));
    }
}
