using CallService.Sip.Auth;
using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Registrar;
using CallService.Sip.Transport;

namespace CallService.Tests.Registrar;

/// <summary>The registrar of RFC 3261 10.3 on the in-memory network with fake time: digest challenge and
/// verification, bindings, refresh, expiry, removal, 423, Call-ID/CSeq ordering and the failure throttle.</summary>
public sealed class SipRegistrarTests : IDisposable
{
    private readonly RegistrarHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_REGISTER_without_credentials_is_challenged_with_SHA256_then_MD5_and_binds_nothing()
    {
        var phone = _h.AddPhone("10.0.0.2");

        var (_, outcome) = await _h.SendAsync(phone, "8001", "c1@10.0.0.2", 1);

        Assert.Equal(401, outcome.StatusCode);
        IReadOnlyList<DigestChallenge> challenges = RegistrarHarness.Challenges(outcome.Response!);
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], challenges.Select(c => c.EffectiveAlgorithm));
        Assert.All(challenges, c =>
        {
            Assert.Equal(RegistrarHarness.Realm, c.Realm);
            Assert.True(c.OffersQop("auth"));
            Assert.False(c.Stale);
        });
        Assert.Equal(challenges[0].Nonce, challenges[1].Nonce);
        Assert.NotNull(outcome.Response!.To.Tag);
        Assert.Empty(_h.Store.GetAll());
    }

    [Fact]
    public async Task An_account_with_an_MD5_HA1_only_is_offered_only_the_MD5_challenge_and_an_unknown_user_every_one()
    {
        using var h = new RegistrarHarness(accounts: new PasswordAccounts(("8001", "alice-pw")) { Md5Only = ["8001"] });
        var phone = h.AddPhone("10.0.0.2");

        var (_, legacy) = await h.SendAsync(phone, "8001", "legacy@10.0.0.2", 1);
        var (_, unknown) = await h.SendAsync(phone, "9999", "unknown@10.0.0.2", 1);

        Assert.Equal([DigestAlgorithm.Md5], RegistrarHarness.Challenges(legacy.Response!).Select(c => c.EffectiveAlgorithm));
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], RegistrarHarness.Challenges(unknown.Response!).Select(c => c.EffectiveAlgorithm));
        Assert.Equal(200, (await h.RegisterAsync(phone, "8001", "alice-pw")).StatusCode);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Md5)]
    public async Task Authenticated_REGISTER_binds_the_contact_with_the_default_expiry_and_remembers_the_source(DigestAlgorithm algorithm)
    {
        var phone = _h.AddPhone("10.0.0.2", 5062);

        RegisterExchange ok = await _h.RegisterAsync(phone, "8001", "alice-pw", algorithm: algorithm);

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(new Dictionary<string, int> { ["sip:8001@10.0.0.2:5062"] = 3600 }, RegistrarHarness.ListedContacts(ok.Response));
        Assert.NotNull(ok.Response.Headers.GetFirst("Date"));
        SipBinding binding = Assert.Single(_h.Registrar.GetBindings("8001"));
        Assert.Equal("sip:8001@callservice", binding.AddressOfRecord);
        Assert.Equal(new SipEndPoint(SipProtocol.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Parse("10.0.0.2"), 5062)), binding.Source);
        Assert.Equal(_h.Time.GetUtcNow() + TimeSpan.FromHours(1), binding.ExpiresAt);
        Assert.Equal(ok.CallId, binding.CallId);
        Assert.Equal(2u, binding.CSeq);
        Assert.Equal("8001", binding.AuthenticatedUser);
        Assert.True(binding.IsReachable);
        BindingChange added = Assert.Single(_h.Changes);
        Assert.Equal(BindingChangeKind.Added, added.Kind);
    }

    [Fact]
    public async Task The_source_address_is_kept_when_the_contact_names_a_private_address_behind_NAT()
    {
        var phone = _h.AddPhone("203.0.113.9", 40123);

        RegisterExchange ok = await _h.RegisterAsync(phone, "8001", "alice-pw", contacts: ["<sip:8001@192.168.1.20:5060>"]);

        Assert.Equal(200, ok.StatusCode);
        SipBinding binding = Assert.Single(_h.Registrar.GetBindings("8001"));
        Assert.Equal("sip:8001@192.168.1.20:5060", binding.ContactUri.ToString());
        Assert.Equal("udp:203.0.113.9:40123", binding.Source.ToString());
    }

    [Fact]
    public async Task Several_contacts_of_one_address_of_record_are_all_bound_and_listed()
    {
        var desk = _h.AddPhone("10.0.0.2");
        var headset = _h.AddPhone("10.0.0.3");

        RegisterExchange first = await _h.RegisterAsync(desk, "8001", "alice-pw", expires: 600);
        RegisterExchange second = await _h.RegisterAsync(headset, "8001", "alice-pw", contacts: ["<sip:8001@10.0.0.3:5060>;q=0.5;expires=1200", "<sip:8001@10.0.0.3:5070>"], expires: 300);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(new Dictionary<string, int>
        {
            ["sip:8001@10.0.0.2:5060"] = 600,
            ["sip:8001@10.0.0.3:5060"] = 1200,
            ["sip:8001@10.0.0.3:5070"] = 300,
        }, RegistrarHarness.ListedContacts(second.Response));
        Assert.Equal("0.5", second.Response.Contacts.Single(c => c.Uri.Port == 5060 && c.Uri.Host == "10.0.0.3").GetParameter("q"));
        Assert.Equal(3, _h.Registrar.GetBindings("8001").Count);
        Assert.Empty(_h.Registrar.GetBindings("8002"));
    }

    [Fact]
    public async Task A_refresh_with_the_same_Call_ID_and_a_higher_CSeq_extends_the_binding_and_keeps_its_id()
    {
        var phone = _h.AddPhone("10.0.0.2");
        RegisterExchange first = await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 300, callId: "reg-1@10.0.0.2");
        long id = Assert.Single(_h.Registrar.GetBindings("8001")).Id;

        _h.Time.Advance(TimeSpan.FromSeconds(200));
        RegisterExchange refresh = await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 300, callId: first.CallId, cseq: first.CSeq + 1);

        Assert.Equal(200, refresh.StatusCode);
        SipBinding binding = Assert.Single(_h.Registrar.GetBindings("8001"));
        Assert.Equal(id, binding.Id);
        Assert.Equal(_h.Time.GetUtcNow() + TimeSpan.FromSeconds(300), binding.ExpiresAt);
        Assert.Equal(first.CSeq + 2, binding.CSeq);
        Assert.Equal([BindingChangeKind.Added, BindingChangeKind.Refreshed], _h.Changes.Select(c => c.Kind));

        // The original expiry passes: the refreshed binding stays.
        _h.Time.Advance(TimeSpan.FromSeconds(150));
        Assert.Single(_h.Registrar.GetBindings("8001"));
    }

    [Fact]
    public async Task A_binding_that_is_not_refreshed_is_removed_when_it_expires_and_the_removal_is_announced()
    {
        var phone = _h.AddPhone("10.0.0.2");
        await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 120);
        var other = _h.AddPhone("10.0.0.3");
        await _h.RegisterAsync(other, "8001", "alice-pw", expires: 600);

        _h.Time.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(2, _h.Registrar.GetBindings("8001").Count);
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        SipBinding left = Assert.Single(_h.Registrar.GetBindings("8001"));
        Assert.Equal("10.0.0.3", left.ContactUri.Host);
        BindingChange removed = _h.Changes[^1];
        Assert.Equal(BindingChangeKind.Removed, removed.Kind);
        Assert.Equal(BindingRemovalReason.Expired, removed.RemovalReason);
        Assert.Equal("10.0.0.2", removed.Binding.ContactUri.Host);

        _h.Time.Advance(TimeSpan.FromSeconds(480));
        Assert.Empty(_h.Store.GetAll());
        Assert.Equal(0, _h.Store.Count);
    }

    [Fact]
    public async Task Expires_0_removes_only_that_contact_and_the_200_lists_the_rest()
    {
        var phone = _h.AddPhone("10.0.0.2");
        RegisterExchange both = await _h.RegisterAsync(phone, "8001", "alice-pw",
            contacts: ["<sip:8001@10.0.0.2:5060>", "<sip:8001@10.0.0.2:5080>"], callId: "two@10.0.0.2");
        Assert.Equal(2, _h.Registrar.GetBindings("8001").Count);

        RegisterExchange remove = await _h.RegisterAsync(phone, "8001", "alice-pw",
            contacts: ["<sip:8001@10.0.0.2:5080>;expires=0"], callId: both.CallId, cseq: both.CSeq + 1);

        Assert.Equal(200, remove.StatusCode);
        Assert.Equal(new Dictionary<string, int> { ["sip:8001@10.0.0.2:5060"] = 3600 }, RegistrarHarness.ListedContacts(remove.Response));
        Assert.Equal(5060, Assert.Single(_h.Registrar.GetBindings("8001")).ContactUri.Port);
        BindingChange removed = _h.Changes[^1];
        Assert.Equal((BindingChangeKind.Removed, BindingRemovalReason.Unregistered), (removed.Kind, removed.RemovalReason));
    }

    [Fact]
    public async Task Contact_wildcard_with_Expires_0_removes_every_binding()
    {
        var desk = _h.AddPhone("10.0.0.2");
        var headset = _h.AddPhone("10.0.0.3");
        await _h.RegisterAsync(desk, "8001", "alice-pw");
        await _h.RegisterAsync(headset, "8001", "alice-pw");

        RegisterExchange all = await _h.RegisterAsync(desk, "8001", "alice-pw", contacts: ["*"], expires: 0);

        Assert.Equal(200, all.StatusCode);
        Assert.Empty(all.Response.Contacts);
        Assert.Empty(_h.Registrar.GetBindings("8001"));
        Assert.Equal(2, _h.Changes.Count(c => c.Kind == BindingChangeKind.Removed && c.RemovalReason == BindingRemovalReason.Unregistered));
    }

    [Theory]
    [InlineData(3600, new[] { "*" })]
    [InlineData(null, new[] { "*" })]
    [InlineData(0, new[] { "*", "<sip:8001@10.0.0.2>" })]
    public async Task A_wildcard_with_a_non_zero_expiry_or_beside_other_contacts_is_a_bad_request(int? expires, string[] contacts)
    {
        var phone = _h.AddPhone("10.0.0.2");
        await _h.RegisterAsync(phone, "8001", "alice-pw");

        RegisterExchange bad = await _h.RegisterAsync(phone, "8001", "alice-pw", contacts: contacts, expires: expires);

        Assert.Equal(400, bad.StatusCode);
        Assert.Single(_h.Registrar.GetBindings("8001"));
    }

    [Theory]
    [InlineData(30, null)]
    [InlineData(3600, "<sip:8001@10.0.0.2:5060>;expires=10")]
    public async Task A_too_brief_interval_gets_423_with_Min_Expires_and_binds_nothing(int expires, string? contact)
    {
        var phone = _h.AddPhone("10.0.0.2");

        RegisterExchange brief = await _h.RegisterAsync(phone, "8001", "alice-pw", contacts: contact is null ? null : [contact], expires: expires);

        Assert.Equal(423, brief.StatusCode);
        Assert.Equal("60", brief.Response.Headers.GetFirst("Min-Expires"));
        Assert.Empty(_h.Store.GetAll());
    }

    [Fact]
    public async Task An_expiry_above_the_maximum_is_shortened_to_it()
    {
        var phone = _h.AddPhone("10.0.0.2");

        RegisterExchange ok = await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 100_000);

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(7200, RegistrarHarness.ListedContacts(ok.Response).Single().Value);
    }

    [Fact]
    public async Task A_REGISTER_without_Contact_is_a_query_answered_with_the_current_bindings()
    {
        var phone = _h.AddPhone("10.0.0.2");
        await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 900);
        _h.Time.Advance(TimeSpan.FromSeconds(100));

        RegisterExchange query = await _h.RegisterAsync(phone, "8001", "alice-pw", contacts: []);

        Assert.Equal(200, query.StatusCode);
        Assert.Equal(new Dictionary<string, int> { ["sip:8001@10.0.0.2:5060"] = 800 }, RegistrarHarness.ListedContacts(query.Response));
        Assert.Single(_h.Changes);
    }

    [Fact]
    public async Task A_wrong_password_is_challenged_again_and_never_binds()
    {
        var phone = _h.AddPhone("10.0.0.2");

        RegisterExchange wrong = await _h.RegisterAsync(phone, "8001", "guess");

        Assert.Equal(401, wrong.StatusCode);
        Assert.DoesNotContain(RegistrarHarness.Challenges(wrong.Response), c => c.Stale);
        Assert.Empty(_h.Store.GetAll());
        Assert.Empty(_h.Changes);
    }

    [Fact]
    public async Task An_unknown_user_is_challenged_again_and_never_binds()
    {
        var phone = _h.AddPhone("10.0.0.2");

        RegisterExchange unknown = await _h.RegisterAsync(phone, "9999", "whatever");

        Assert.Equal(401, unknown.StatusCode);
        Assert.Empty(_h.Store.GetAll());
    }

    [Fact]
    public async Task A_user_may_not_register_another_users_address_of_record()
    {
        var phone = _h.AddPhone("10.0.0.2");

        RegisterExchange other = await _h.RegisterAsync(phone, "8001", "alice-pw", toUser: "8002");

        Assert.Equal(403, other.StatusCode);
        Assert.Empty(_h.Store.GetAll());
    }

    [Fact]
    public async Task A_replayed_Authorization_is_rechallenged_as_stale_and_changes_nothing()
    {
        var phone = _h.AddPhone("10.0.0.2");
        RegisterExchange ok = await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 300);
        SipBinding before = Assert.Single(_h.Registrar.GetBindings("8001"));
        _h.Time.Advance(TimeSpan.FromSeconds(10));

        // The same credentials (same nonce and nc) with a higher CSeq: a captured request replayed.
        var (_, replay) = await _h.SendAsync(phone, "8001", ok.CallId, ok.CSeq + 1, expires: 3600, authorization: ok.Credentials.ToHeaderValue());

        Assert.Equal(401, replay.StatusCode);
        Assert.All(RegistrarHarness.Challenges(replay.Response!), c => Assert.True(c.Stale));
        Assert.Equal(before, Assert.Single(_h.Registrar.GetBindings("8001")));
    }

    [Fact]
    public async Task An_expired_nonce_with_the_right_password_is_rechallenged_as_stale()
    {
        var phone = _h.AddPhone("10.0.0.2");
        var (_, first) = await _h.SendAsync(phone, "8001", "late@10.0.0.2", 1);
        DigestChallenge challenge = RegistrarHarness.Challenges(first.Response!)[0];
        DigestCredentials credentials = new DigestClient().Authorize(challenge, "8001", DigestSecret.FromPassword("alice-pw"), "REGISTER", "sip:10.0.0.1");

        _h.Time.Advance(TimeSpan.FromMinutes(6));
        var (_, late) = await _h.SendAsync(phone, "8001", "late@10.0.0.2", 2, authorization: credentials.ToHeaderValue());

        Assert.Equal(401, late.StatusCode);
        Assert.All(RegistrarHarness.Challenges(late.Response!), c => Assert.True(c.Stale));
        Assert.Empty(_h.Store.GetAll());
    }

    [Fact]
    public async Task Same_Call_ID_with_a_CSeq_not_above_the_bindings_fails_with_500_and_changes_nothing()
    {
        var phone = _h.AddPhone("10.0.0.2");
        RegisterExchange ok = await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 600, callId: "order@10.0.0.2", cseq: 10);
        SipBinding before = Assert.Single(_h.Registrar.GetBindings("8001"));

        // CSeq 11 was used by the accepted request; an older one (CSeq 5 then 6) must not win.
        RegisterExchange old = await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 0, callId: ok.CallId, cseq: 5);

        Assert.Equal(500, old.StatusCode);
        Assert.Equal(before, Assert.Single(_h.Registrar.GetBindings("8001")));

        // A wildcard removal of the same Call-ID but not a higher CSeq fails too.
        RegisterExchange wildcard = await _h.RegisterAsync(phone, "8001", "alice-pw", contacts: ["*"], expires: 0, callId: ok.CallId, cseq: 9);
        Assert.Equal(500, wildcard.StatusCode);
        Assert.Single(_h.Registrar.GetBindings("8001"));
    }

    [Fact]
    public async Task Another_Call_ID_updates_whatever_its_CSeq()
    {
        var phone = _h.AddPhone("10.0.0.2");
        await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 600, callId: "before-reboot@10.0.0.2", cseq: 500);

        RegisterExchange rebooted = await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 900, callId: "after-reboot@10.0.0.2", cseq: 1);

        Assert.Equal(200, rebooted.StatusCode);
        SipBinding binding = Assert.Single(_h.Registrar.GetBindings("8001"));
        Assert.Equal("after-reboot@10.0.0.2", binding.CallId);
        Assert.Equal(2u, binding.CSeq);
    }

    [Fact]
    public async Task Too_many_contacts_are_refused_with_403_and_change_nothing()
    {
        using var h = new RegistrarHarness(new RegistrarOptions { Realm = RegistrarHarness.Realm, MaxContactsPerAddressOfRecord = 2 });
        var phone = h.AddPhone("10.0.0.2");
        await h.RegisterAsync(phone, "8001", "alice-pw", contacts: ["<sip:8001@10.0.0.2:5060>", "<sip:8001@10.0.0.2:5061>"]);

        RegisterExchange third = await h.RegisterAsync(phone, "8001", "alice-pw", contacts: ["<sip:8001@10.0.0.2:5062>"]);

        Assert.Equal(403, third.StatusCode);
        Assert.Equal(2, h.Registrar.GetBindings("8001").Count);
    }

    [Fact]
    public async Task A_domain_that_is_not_served_gets_404()
    {
        using var h = new RegistrarHarness(new RegistrarOptions { Realm = RegistrarHarness.Realm, ServedHosts = ["pbx.example"] });
        var phone = h.AddPhone("10.0.0.2");

        var (_, outcome) = await h.SendAsync(phone, "8001", "x@10.0.0.2", 1);

        Assert.Equal(404, outcome.StatusCode);
    }

    [Fact]
    public async Task Register_is_listed_in_Allow_and_other_requests_still_reach_the_previous_handler()
    {
        var phone = _h.AddPhone("10.0.0.2");
        var options = phone.UserAgent.CreateRequest(SipMethod.Options, SipUri.Parse("sip:10.0.0.1"),
            new SipNameAddress(SipUri.Parse("sip:probe@10.0.0.2")), new SipNameAddress(SipUri.Parse("sip:10.0.0.1")));

        var outcome = await phone.UserAgent.SendAsync(options, RegistrarHarness.RegistrarEndPoint, null, CancellationToken.None);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Contains("REGISTER", outcome.Response!.Headers.GetFirst("Allow"), StringComparison.Ordinal);
    }
}
