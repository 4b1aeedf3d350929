using CallService.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Auth;

public class DigestAuthenticatorTests
{
    private const string Realm = "sales.example.com";
    private const string Method = "REGISTER";
    private const string Uri = "sip:sales.example.com";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    // The configuration stores HA1 values only, per hash family.
    private readonly Dictionary<(string User, DigestAlgorithm Family), string> _ha1 = new()
    {
        [("alice", DigestAlgorithm.Md5)] = DigestHash.ComputeHa1(DigestAlgorithm.Md5, "alice", Realm, "wonderland"),
        [("alice", DigestAlgorithm.Sha256)] = DigestHash.ComputeHa1(DigestAlgorithm.Sha256, "alice", Realm, "wonderland"),
    };

    private string? Lookup(string user, string realm, DigestAlgorithm family)
    {
        Assert.Equal(Realm, realm);
        Assert.True(family is DigestAlgorithm.Md5 or DigestAlgorithm.Sha256, "lookup gets a family, never a -sess variant");
        return _ha1.GetValueOrDefault((user, family));
    }

    private DigestAuthenticator NewAuthenticator(DigestAuthenticatorOptions? options = null) =>
        new(options ?? new DigestAuthenticatorOptions(), _time);

    private static DigestCredentials Answer(DigestChallenge challenge, string password = "wonderland", DigestClient? client = null) =>
        (client ?? new DigestClient()).Authorize(challenge, "alice", DigestSecret.FromPassword(password), Method, Uri);

    [Fact]
    public void Challenges_offer_sha256_then_md5_with_qop_auth_and_one_fresh_nonce()
    {
        var authenticator = NewAuthenticator(new DigestAuthenticatorOptions { Algorithms = [DigestAlgorithm.Md5, DigestAlgorithm.Sha256] });

        IReadOnlyList<DigestChallenge> challenges = authenticator.CreateChallenges(Realm);
        IReadOnlyList<DigestChallenge> next = authenticator.CreateChallenges(Realm, stale: true);

        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], challenges.Select(c => c.Algorithm!.Value));
        Assert.All(challenges, c =>
        {
            Assert.Equal(Realm, c.Realm);
            Assert.Equal(["auth"], c.QopOptions);
            Assert.False(c.Stale);
            Assert.Equal(challenges[0].Nonce, c.Nonce);
        });
        Assert.All(next, c => Assert.True(c.Stale));
        Assert.NotEqual(challenges[0].Nonce, next[0].Nonce);
        Assert.Equal(
            $"Digest realm=\"{Realm}\", nonce=\"{challenges[0].Nonce}\", algorithm=SHA-256, qop=\"auth\"",
            challenges[0].ToHeaderValue());
    }

    [Theory]
    [InlineData(DigestAlgorithm.Sha256)]
    [InlineData(DigestAlgorithm.Md5)]
    [InlineData(DigestAlgorithm.Sha256Sess)]
    [InlineData(DigestAlgorithm.Md5Sess)]
    public void Client_and_server_agree_through_header_text(DigestAlgorithm algorithm)
    {
        var authenticator = NewAuthenticator(new DigestAuthenticatorOptions { Algorithms = [algorithm] });
        var client = new DigestClient();

        // Server -> text -> client -> text -> server, as on the wire.
        string[] wwwAuthenticate = [.. authenticator.CreateChallenges(Realm).Select(c => c.ToHeaderValue())];
        DigestChallenge[] parsed = [.. wwwAuthenticate.Select(v => DigestChallenge.TryParse(v, out DigestChallenge? c, out _) ? c : throw new InvalidOperationException(v))];
        Assert.True(client.TryAuthorize(parsed, "alice", DigestSecret.FromPassword("wonderland"), Method, Uri, out DigestCredentials? credentials));

        DigestVerification result = authenticator.Verify(Method, Realm, credentials.ToHeaderValue(), Lookup);

        Assert.Equal(new DigestVerification(DigestVerificationResult.Success, "alice", algorithm), result);
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Client_picks_sha256_when_both_are_offered()
    {
        var authenticator = NewAuthenticator();
        Assert.True(new DigestClient().TryAuthorize(authenticator.CreateChallenges(Realm), "alice", DigestSecret.FromPassword("wonderland"), Method, Uri, out DigestCredentials? credentials));

        Assert.Equal(DigestAlgorithm.Sha256, credentials.Algorithm);
        Assert.Equal(DigestVerificationResult.Success, authenticator.Verify(Method, Realm, credentials, Lookup).Result);
    }

    [Fact]
    public void A_client_holding_only_an_md5_ha1_answers_md5_and_is_accepted()
    {
        var authenticator = NewAuthenticator();
        var secret = DigestSecret.FromHa1(_ha1[("alice", DigestAlgorithm.Md5)], null);

        Assert.True(new DigestClient().TryAuthorize(authenticator.CreateChallenges(Realm), "alice", secret, Method, Uri, out DigestCredentials? credentials));

        Assert.Equal(DigestAlgorithm.Md5, credentials.Algorithm);
        Assert.Equal(DigestVerificationResult.Success, authenticator.Verify(Method, Realm, credentials, Lookup).Result);
    }

    [Fact]
    public void A_nonce_is_reused_with_increasing_nc()
    {
        var authenticator = NewAuthenticator();
        DigestChallenge challenge = authenticator.CreateChallenges(Realm)[0];
        var client = new DigestClient();

        DigestCredentials first = Answer(challenge, client: client);
        DigestCredentials second = Answer(challenge, client: client);

        Assert.Equal("00000001", first.NonceCount);
        Assert.Equal("00000002", second.NonceCount);
        Assert.Equal(DigestVerificationResult.Success, authenticator.Verify(Method, Realm, first, Lookup).Result);
        Assert.Equal(DigestVerificationResult.Success, authenticator.Verify(Method, Realm, second, Lookup).Result);
    }

    [Fact]
    public void A_replayed_nc_is_rejected()
    {
        var authenticator = NewAuthenticator();
        DigestChallenge challenge = authenticator.CreateChallenges(Realm)[0];
        var client = new DigestClient();
        DigestCredentials first = Answer(challenge, client: client);
        DigestCredentials second = Answer(challenge, client: client);
        Assert.True(authenticator.Verify(Method, Realm, first, Lookup).IsSuccess);
        Assert.True(authenticator.Verify(Method, Realm, second, Lookup).IsSuccess);

        DigestVerification replayOfSecond = authenticator.Verify(Method, Realm, second.ToHeaderValue(), Lookup);
        DigestVerification replayOfFirst = authenticator.Verify(Method, Realm, first, Lookup);

        Assert.Equal(DigestVerificationResult.Replay, replayOfSecond.Result);
        Assert.Equal(DigestVerificationResult.Replay, replayOfFirst.Result);
        Assert.True(replayOfFirst.ShouldChallengeStale);
        Assert.False(replayOfFirst.IsCredentialFailure);
    }

    [Fact]
    public void Nc_zero_is_never_valid()
    {
        var authenticator = NewAuthenticator();
        DigestChallenge challenge = authenticator.CreateChallenges(Realm)[0];
        DigestCredentials credentials = Sign(challenge, "wonderland", qop: "auth", nc: "00000000", cnonce: "c0");

        Assert.Equal(DigestVerificationResult.Replay, authenticator.Verify(Method, Realm, credentials, Lookup).Result);
    }

    [Fact]
    public void Without_qop_a_nonce_is_accepted_once()
    {
        var authenticator = NewAuthenticator();
        DigestChallenge challenge = authenticator.CreateChallenges(Realm)[1]; // MD5
        DigestCredentials credentials = Sign(challenge, "wonderland", qop: null, nc: null, cnonce: null);

        Assert.Equal(DigestVerificationResult.Success, authenticator.Verify(Method, Realm, credentials, Lookup).Result);
        Assert.Equal(DigestVerificationResult.Replay, authenticator.Verify(Method, Realm, credentials, Lookup).Result);
    }

    [Fact]
    public void Without_qop_is_refused_when_disabled()
    {
        var authenticator = NewAuthenticator(new DigestAuthenticatorOptions { AllowNoQop = false });
        DigestCredentials credentials = Sign(authenticator.CreateChallenges(Realm)[1], "wonderland", qop: null, nc: null, cnonce: null);

        Assert.Equal(DigestVerificationResult.UnsupportedQop, authenticator.Verify(Method, Realm, credentials, Lookup).Result);
    }

    [Fact]
    public void An_expired_nonce_with_the_right_password_is_stale()
    {
        var authenticator = NewAuthenticator(new DigestAuthenticatorOptions { NonceLifetime = TimeSpan.FromMinutes(5) });
        DigestChallenge challenge = authenticator.CreateChallenges(Realm)[0];

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(DigestVerificationResult.Success, authenticator.Verify(Method, Realm, Answer(challenge), Lookup).Result);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        DigestVerification stale = authenticator.Verify(Method, Realm, Answer(challenge), Lookup);

        Assert.Equal(DigestVerificationResult.Stale, stale.Result);
        Assert.True(stale.ShouldChallengeStale);
        Assert.False(stale.IsCredentialFailure);
    }

    [Fact]
    public void An_expired_nonce_with_a_wrong_password_is_a_wrong_response_not_stale()
    {
        var authenticator = NewAuthenticator();
        DigestChallenge challenge = authenticator.CreateChallenges(Realm)[0];
        _time.Advance(TimeSpan.FromHours(1));

        DigestVerification result = authenticator.Verify(Method, Realm, Answer(challenge, "queen of hearts"), Lookup);

        Assert.Equal(DigestVerificationResult.WrongResponse, result.Result);
    }

    [Fact]
    public void A_wrong_password_is_rejected()
    {
        var authenticator = NewAuthenticator();

        DigestVerification result = authenticator.Verify(Method, Realm, Answer(authenticator.CreateChallenges(Realm)[0], "Wonderland"), Lookup);

        Assert.Equal(DigestVerificationResult.WrongResponse, result.Result);
        Assert.Equal("alice", result.Username);
        Assert.True(result.IsCredentialFailure);
    }

    [Fact]
    public void A_response_for_another_method_or_uri_is_rejected()
    {
        var authenticator = NewAuthenticator();
        DigestCredentials credentials = Answer(authenticator.CreateChallenges(Realm)[0]);

        Assert.Equal(DigestVerificationResult.WrongResponse, authenticator.Verify("INVITE", Realm, credentials, Lookup).Result);
        Assert.Equal(DigestVerificationResult.WrongResponse, authenticator.Verify(Method, Realm, credentials with { Uri = "sip:evil.example.com" }, Lookup).Result);
    }

    [Fact]
    public void Upper_case_hex_responses_are_accepted()
    {
        var authenticator = NewAuthenticator();
        DigestCredentials credentials = Answer(authenticator.CreateChallenges(Realm)[0]);

        DigestVerification result = authenticator.Verify(Method, Realm, credentials with { Response = credentials.Response.ToUpperInvariant() }, Lookup);

        Assert.Equal(DigestVerificationResult.Success, result.Result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not hex at all")]
    [InlineData("zz")]
    public void Responses_of_the_wrong_shape_are_wrong(string response)
    {
        var authenticator = NewAuthenticator();
        DigestCredentials credentials = Answer(authenticator.CreateChallenges(Realm)[0]) with { Response = response };

        Assert.Equal(DigestVerificationResult.WrongResponse, authenticator.Verify(Method, Realm, credentials, Lookup).Result);
    }

    [Fact]
    public void An_unknown_user_is_reported_as_such()
    {
        var authenticator = NewAuthenticator();
        DigestCredentials credentials = new DigestClient().Authorize(
            authenticator.CreateChallenges(Realm)[0], "mallory", DigestSecret.FromPassword("x"), Method, Uri);

        DigestVerification result = authenticator.Verify(Method, Realm, credentials, Lookup);

        Assert.Equal(new DigestVerification(DigestVerificationResult.UnknownUser, "mallory", DigestAlgorithm.Sha256), result);
        Assert.True(result.IsCredentialFailure);
    }

    [Fact]
    public void A_malformed_stored_ha1_is_treated_as_an_unknown_user()
    {
        var authenticator = NewAuthenticator();
        DigestCredentials credentials = Answer(authenticator.CreateChallenges(Realm)[0]);

        DigestVerification result = authenticator.Verify(Method, Realm, credentials, (_, _, _) => "not-a-hash");

        Assert.Equal(DigestVerificationResult.UnknownUser, result.Result);
    }

    [Fact]
    public void An_upper_case_stored_ha1_still_verifies()
    {
        var authenticator = NewAuthenticator();
        DigestCredentials credentials = Answer(authenticator.CreateChallenges(Realm)[0]);

        DigestVerification result = authenticator.Verify(Method, Realm, credentials, (u, r, f) => Lookup(u, r, f)?.ToUpperInvariant());

        Assert.Equal(DigestVerificationResult.Success, result.Result);
    }

    [Fact]
    public void A_tampered_nonce_is_rejected()
    {
        var authenticator = NewAuthenticator();
        DigestChallenge challenge = authenticator.CreateChallenges(Realm)[0];
        char[] nonce = challenge.Nonce.ToCharArray();
        nonce[3] = nonce[3] == 'A' ? 'B' : 'A'; // inside the issue-time bytes: an attempt to make it younger
        DigestChallenge tampered = challenge with { Nonce = new string(nonce) };

        // The response is correct for the tampered nonce: only the MAC can catch it.
        DigestVerification result = authenticator.Verify(Method, Realm, Answer(tampered), Lookup);

        Assert.Equal(DigestVerificationResult.BadNonce, result.Result);
        Assert.True(result.IsCredentialFailure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dcd98b7102dd2f0e8b11d0f600bfb0c093")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void Foreign_or_garbage_nonces_are_rejected(string nonce)
    {
        var authenticator = NewAuthenticator();
        DigestChallenge challenge = authenticator.CreateChallenges(Realm)[0] with { Nonce = nonce };

        Assert.Equal(DigestVerificationResult.BadNonce, authenticator.Verify(Method, Realm, Answer(challenge), Lookup).Result);
    }

    [Fact]
    public void A_non_canonical_base64_spelling_of_a_valid_nonce_is_rejected()
    {
        var authenticator = NewAuthenticator();
        DigestChallenge challenge = authenticator.CreateChallenges(Realm)[0];
        // 40 bytes in 54 base64 characters: the last character carries 4 unused bits; flip one.
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.IndexOf(challenge.Nonce[^1], StringComparison.Ordinal);
        string respelled = challenge.Nonce[..^1] + alphabet[last ^ 1];

        DigestVerification result = authenticator.Verify(Method, Realm, Answer(challenge with { Nonce = respelled }), Lookup);

        Assert.Equal(DigestVerificationResult.BadNonce, result.Result);
    }

    [Fact]
    public void A_nonce_from_another_server_secret_is_rejected()
    {
        var other = new DigestAuthenticator(new DigestAuthenticatorOptions(), _time);
        var authenticator = NewAuthenticator();

        DigestVerification result = authenticator.Verify(Method, Realm, Answer(other.CreateChallenges(Realm)[0]), Lookup);

        Assert.Equal(DigestVerificationResult.BadNonce, result.Result);
    }

    [Fact]
    public void A_nonce_issued_for_another_realm_is_rejected()
    {
        var authenticator = NewAuthenticator();
        DigestChallenge other = authenticator.CreateChallenges("bar.example.com")[0];

        // Credentials claim our realm but carry the other realm's nonce.
        DigestVerification result = authenticator.Verify(Method, Realm, Answer(other with { Realm = Realm }), Lookup);

        Assert.Equal(DigestVerificationResult.BadNonce, result.Result);
    }

    [Fact]
    public void Credentials_for_another_realm_are_a_realm_mismatch()
    {
        var authenticator = NewAuthenticator();
        DigestCredentials credentials = Answer(authenticator.CreateChallenges(Realm)[0]) with { Realm = "other.example.com" };

        Assert.Equal(DigestVerificationResult.RealmMismatch, authenticator.Verify(Method, Realm, credentials, Lookup).Result);
    }

    [Fact]
    public void An_algorithm_not_enabled_is_unsupported()
    {
        var authenticator = NewAuthenticator(new DigestAuthenticatorOptions { Algorithms = [DigestAlgorithm.Sha256] });
        var md5Only = new DigestAuthenticator(new DigestAuthenticatorOptions { Algorithms = [DigestAlgorithm.Md5] }, _time);
        DigestCredentials md5 = Answer(md5Only.CreateChallenges(Realm)[0]);

        Assert.Equal(DigestVerificationResult.UnsupportedAlgorithm, authenticator.Verify(Method, Realm, md5, Lookup).Result);
        Assert.Equal(
            DigestVerificationResult.UnsupportedAlgorithm,
            authenticator.Verify(Method, Realm, md5 with { Algorithm = null, UnrecognizedAlgorithm = "SHA-512-256" }, Lookup).Result);
    }

    [Fact]
    public void Auth_int_is_unsupported()
    {
        var authenticator = NewAuthenticator();
        DigestCredentials credentials = Answer(authenticator.CreateChallenges(Realm)[0]) with { Qop = "auth-int" };

        Assert.Equal(DigestVerificationResult.UnsupportedQop, authenticator.Verify(Method, Realm, credentials, Lookup).Result);
    }

    [Fact]
    public void Qop_without_cnonce_or_nc_is_malformed()
    {
        var authenticator = NewAuthenticator();
        DigestCredentials credentials = Answer(authenticator.CreateChallenges(Realm)[0]);

        Assert.Equal(DigestVerificationResult.Malformed, authenticator.Verify(Method, Realm, credentials with { Cnonce = null }, Lookup).Result);
        Assert.Equal(DigestVerificationResult.Malformed, authenticator.Verify(Method, Realm, credentials with { NonceCount = null }, Lookup).Result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Basic YWxpY2U6d29uZGVybGFuZA==")]
    [InlineData("Digest username=\"alice\"")]
    [InlineData("Digest username=\"alice\", realm=\"sales.example.com\", nonce=\"x\", uri=\"sip:a\", response=\"00\", nc=zz")]
    public void Headers_that_do_not_parse_are_malformed(string header)
    {
        DigestVerification result = NewAuthenticator().Verify(Method, Realm, header, Lookup);

        Assert.Equal(new DigestVerification(DigestVerificationResult.Malformed, null, null), result);
    }

    [Fact]
    public void Nodes_sharing_a_secret_accept_each_others_nonces()
    {
        byte[] secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
        var nodeA = NewAuthenticator(new DigestAuthenticatorOptions { NonceSecret = secret });
        var nodeB = NewAuthenticator(new DigestAuthenticatorOptions { NonceSecret = secret });
        _time.Advance(TimeSpan.FromSeconds(1));

        DigestVerification result = nodeB.Verify(Method, Realm, Answer(nodeA.CreateChallenges(Realm)[0]), Lookup);

        Assert.Equal(DigestVerificationResult.Success, result.Result);
    }

    [Fact]
    public void After_a_restart_with_the_same_secret_old_nonces_are_stale_not_replayable()
    {
        byte[] secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
        var before = NewAuthenticator(new DigestAuthenticatorOptions { NonceSecret = secret });
        DigestCredentials captured = Answer(before.CreateChallenges(Realm)[0]);
        Assert.True(before.Verify(Method, Realm, captured, Lookup).IsSuccess);

        _time.Advance(TimeSpan.FromSeconds(10));
        var restarted = NewAuthenticator(new DigestAuthenticatorOptions { NonceSecret = secret });

        Assert.Equal(DigestVerificationResult.Stale, restarted.Verify(Method, Realm, captured, Lookup).Result);
    }

    [Fact]
    public void Evicted_nonces_are_forgotten_safely_when_the_table_is_full()
    {
        var authenticator = NewAuthenticator(new DigestAuthenticatorOptions { MaxTrackedNonces = 2 });
        var client = new DigestClient();
        var challenges = new List<DigestChallenge>();
        for (int i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            challenges.Add(authenticator.CreateChallenges(Realm)[0]);
            Assert.True(authenticator.Verify(Method, Realm, Answer(challenges[i], client: client), Lookup).IsSuccess);
        }

        Assert.Equal(2, authenticator.TrackedNonceCount);

        // The oldest entry was evicted: its nonce now needs renewing, whatever nc it carries.
        Assert.Equal(DigestVerificationResult.Stale, authenticator.Verify(Method, Realm, Answer(challenges[0], client: client), Lookup).Result);
        Assert.Equal(DigestVerificationResult.Success, authenticator.Verify(Method, Realm, Answer(challenges[1], client: client), Lookup).Result);
        Assert.Equal(DigestVerificationResult.Success, authenticator.Verify(Method, Realm, Answer(challenges[2], client: client), Lookup).Result);
    }

    [Fact]
    public void Expired_nonces_are_swept_from_the_replay_table()
    {
        var authenticator = NewAuthenticator(new DigestAuthenticatorOptions { NonceLifetime = TimeSpan.FromMinutes(1), MaxClockSkew = TimeSpan.Zero });
        for (int i = 0; i < 10; i++)
        {
            Assert.True(authenticator.Verify(Method, Realm, Answer(authenticator.CreateChallenges(Realm)[0]), Lookup).IsSuccess);
        }

        Assert.Equal(10, authenticator.TrackedNonceCount);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.True(authenticator.Verify(Method, Realm, Answer(authenticator.CreateChallenges(Realm)[0]), Lookup).IsSuccess);

        Assert.Equal(1, authenticator.TrackedNonceCount);
    }

    [Fact]
    public void Invalid_options_are_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => NewAuthenticator(new DigestAuthenticatorOptions { Algorithms = [] }));
        Assert.Throws<ArgumentException>(() => NewAuthenticator(new DigestAuthenticatorOptions { NonceLifetime = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => NewAuthenticator(new DigestAuthenticatorOptions { NonceSecret = new byte[16] }));
        Assert.Throws<ArgumentException>(() => NewAuthenticator(new DigestAuthenticatorOptions { MaxTrackedNonces = 0 }));
        Assert.Throws<ArgumentException>(() => NewAuthenticator(new DigestAuthenticatorOptions { Algorithms = [(DigestAlgorithm)42] }));
    }

    // Credentials computed by hand, for the forms DigestClient does not produce.
    private static DigestCredentials Sign(DigestChallenge challenge, string password, string? qop, string? nc, string? cnonce)
    {
        DigestAlgorithm algorithm = challenge.EffectiveAlgorithm;
        string ha1 = DigestHash.ComputeHa1(algorithm, "alice", challenge.Realm, password);
        return new DigestCredentials
        {
            Username = "alice",
            Realm = challenge.Realm,
            Nonce = challenge.Nonce,
            Uri = Uri,
            Response = DigestHash.ComputeResponse(algorithm, ha1, challenge.Nonce, Method, Uri, qop, nc, cnonce),
            Algorithm = challenge.Algorithm,
            Qop = qop,
            NonceCount = nc,
            Cnonce = cnonce,
        };
    }
}
