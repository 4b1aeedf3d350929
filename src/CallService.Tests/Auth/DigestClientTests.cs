using CallService.Sip.Auth;

namespace CallService.Tests.Auth;

public class DigestClientTests
{
    private const string RfcCnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static string RfcChallenge(string algorithm) =>
        $"Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm={algorithm}, "
        + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    private static DigestChallenge Parse(string value) =>
        DigestChallenge.TryParse(value, out DigestChallenge? challenge, out DigestParseError error)
            ? challenge
            : throw new InvalidOperationException(error.ToString());

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Answers_the_rfc7616_example_exactly(string algorithm, string expectedResponse)
    {
        var client = new DigestClient(() => RfcCnonce);

        DigestCredentials credentials = client.Authorize(
            Parse(RfcChallenge(algorithm)), "Mufasa", DigestSecret.FromPassword("Circle of Life"), "GET", "/dir/index.html");

        Assert.Equal(
            "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
            + $"uri=\"/dir/index.html\", response=\"{expectedResponse}\", algorithm={algorithm}, cnonce=\"{RfcCnonce}\", "
            + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", qop=auth, nc=00000001",
            credentials.ToHeaderValue());
    }

    [Fact]
    public void Picks_sha256_from_the_rfc_pair_in_either_order()
    {
        var client = new DigestClient(() => RfcCnonce);
        DigestChallenge sha = Parse(RfcChallenge("SHA-256"));
        DigestChallenge md5 = Parse(RfcChallenge("MD5"));
        var secret = DigestSecret.FromPassword("Circle of Life");

        Assert.True(client.TryAuthorize([md5, sha], "Mufasa", secret, "GET", "/dir/index.html", out DigestCredentials? credentials));

        Assert.Equal(DigestAlgorithm.Sha256, credentials.Algorithm);
        Assert.Equal("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", credentials.Response);
        Assert.Same(sha, DigestClient.SelectChallenge([sha, md5], secret));
    }

    [Fact]
    public void Answers_the_rfc2617_example()
    {
        var client = new DigestClient(() => "0a4f113b");
        DigestChallenge challenge = Parse(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

        DigestCredentials credentials = client.Authorize(challenge, "Mufasa", DigestSecret.FromPassword("Circle Of Life"), "GET", "/dir/index.html");

        // The challenge named no algorithm, so neither do the credentials (RFC 7616 3.4).
        Assert.Equal(
            "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
            + "response=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", qop=auth, nc=00000001",
            credentials.ToHeaderValue());
    }

    [Fact]
    public void Answers_a_sip_challenge_without_qop_in_the_rfc2069_form()
    {
        DigestChallenge challenge = Parse("Digest realm=\"biloxi.com\", nonce=\"dc3a5ab2530aa93112cf5904ba7d88fa\", algorithm=MD5");

        DigestCredentials credentials = new DigestClient().Authorize(challenge, "bob", DigestSecret.FromPassword("zanzibar"), "REGISTER", "sip:biloxi.com");

        Assert.Equal(
            "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dc3a5ab2530aa93112cf5904ba7d88fa\", uri=\"sip:biloxi.com\", "
            + "response=\"42221b57055285ff14b964301e365f71\", algorithm=MD5",
            credentials.ToHeaderValue());
    }

    [Fact]
    public void Counts_nc_per_nonce()
    {
        var client = new DigestClient();
        var secret = DigestSecret.FromPassword("p");
        DigestChallenge first = Parse("Digest realm=\"r\", nonce=\"one\", qop=\"auth\"");
        DigestChallenge second = Parse("Digest realm=\"r\", nonce=\"two\", qop=\"auth\"");

        string[] counts =
        [
            client.Authorize(first, "u", secret, "REGISTER", "sip:r").NonceCount!,
            client.Authorize(first, "u", secret, "REGISTER", "sip:r").NonceCount!,
            client.Authorize(second, "u", secret, "REGISTER", "sip:r").NonceCount!,
            client.Authorize(first, "u", secret, "REGISTER", "sip:r").NonceCount!,
        ];

        Assert.Equal(["00000001", "00000002", "00000001", "00000003"], counts);
    }

    [Fact]
    public void Generates_a_fresh_random_cnonce_per_request()
    {
        var client = new DigestClient();
        DigestChallenge challenge = Parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth\"");

        string a = client.Authorize(challenge, "u", DigestSecret.FromPassword("p"), "INVITE", "sip:x@r").Cnonce!;
        string b = client.Authorize(challenge, "u", DigestSecret.FromPassword("p"), "INVITE", "sip:x@r").Cnonce!;

        Assert.Equal(32, a.Length);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Skips_challenges_it_cannot_answer()
    {
        var secret = DigestSecret.FromPassword("p");
        DigestChallenge unknownAlgorithm = Parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256, qop=\"auth\"");
        DigestChallenge authIntOnly = Parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256, qop=\"auth-int\"");
        DigestChallenge sessWithoutQop = Parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256-sess");
        DigestChallenge md5 = Parse("Digest realm=\"r\", nonce=\"n\", algorithm=MD5, qop=\"auth\"");

        Assert.Same(md5, DigestClient.SelectChallenge([unknownAlgorithm, authIntOnly, sessWithoutQop, md5], secret));
        Assert.Null(DigestClient.SelectChallenge([unknownAlgorithm, authIntOnly, sessWithoutQop], secret));
        Assert.False(new DigestClient().TryAuthorize([unknownAlgorithm], "u", secret, "REGISTER", "sip:r", out DigestCredentials? none));
        Assert.Null(none);
        Assert.Throws<NotSupportedException>(() => new DigestClient().Authorize(authIntOnly, "u", secret, "REGISTER", "sip:r"));
    }

    [Fact]
    public void A_sha256_ha1_alone_cannot_answer_md5()
    {
        string sha256Ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Sha256, "u", "r", "p");
        var secret = DigestSecret.FromHa1(null, sha256Ha1);
        DigestChallenge md5 = Parse("Digest realm=\"r\", nonce=\"n\", algorithm=MD5, qop=\"auth\"");
        DigestChallenge sha = Parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256, qop=\"auth\"");

        Assert.Null(DigestClient.SelectChallenge([md5], secret));
        Assert.Same(sha, DigestClient.SelectChallenge([md5, sha], secret));

        // The HA1 gives the same answer as the password it was made from.
        var fixedCnonce = new DigestClient(() => "c");
        Assert.Equal(
            new DigestClient(() => "c").Authorize(sha, "u", DigestSecret.FromPassword("p"), "INVITE", "sip:a@r").Response,
            fixedCnonce.Authorize(sha, "u", secret, "INVITE", "sip:a@r").Response);
    }

    [Fact]
    public void Answering_a_stale_challenge_is_an_ordinary_answer_with_the_new_nonce()
    {
        DigestChallenge stale = Parse("Digest realm=\"r\", nonce=\"fresh\", algorithm=SHA-256, qop=\"auth\", stale=true");

        DigestCredentials credentials = new DigestClient().Authorize(stale, "u", DigestSecret.FromPassword("p"), "REGISTER", "sip:r");

        Assert.Equal("fresh", credentials.Nonce);
        Assert.Equal("00000001", credentials.NonceCount);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("abc", null)]
    [InlineData(null, "abc")]
    public void Bad_ha1_values_are_refused(string? md5, string? sha256)
    {
        Assert.Throws<ArgumentException>(() => DigestSecret.FromHa1(md5, sha256));
    }
}
