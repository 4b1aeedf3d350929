using CallService.Sip.Auth;

namespace CallService.Tests.Auth;

public class DigestCredentialsParserTests
{
    // RFC 7616 3.9.1, SHA-256 Authorization, folded over lines as printed in the RFC.
    private const string RfcAuthorization =
        "Digest username=\"Mufasa\",\r\n"
        + "       realm=\"http-auth@example.org\",\r\n"
        + "       uri=\"/dir/index.html\",\r\n"
        + "       algorithm=SHA-256,\r\n"
        + "       nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
        + "       nc=00000001,\r\n"
        + "       cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n"
        + "       qop=auth,\r\n"
        + "       response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\",\r\n"
        + "       opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    [Fact]
    public void Parses_the_rfc7616_authorization()
    {
        Assert.True(DigestCredentials.TryParse(RfcAuthorization, out DigestCredentials? c, out DigestParseError error), error.ToString());

        Assert.Equal("Mufasa", c.Username);
        Assert.Equal("http-auth@example.org", c.Realm);
        Assert.Equal("/dir/index.html", c.Uri);
        Assert.Equal(DigestAlgorithm.Sha256, c.Algorithm);
        Assert.Equal("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", c.Nonce);
        Assert.Equal("00000001", c.NonceCount);
        Assert.Equal(1u, c.NonceCountValue);
        Assert.Equal("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", c.Cnonce);
        Assert.Equal("auth", c.Qop);
        Assert.Equal("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", c.Response);
        Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", c.Opaque);
    }

    [Fact]
    public void The_parsed_rfc_credentials_hash_to_their_own_response()
    {
        Assert.True(DigestCredentials.TryParse(RfcAuthorization, out DigestCredentials? c, out _));
        string ha1 = DigestHash.ComputeHa1(c.EffectiveAlgorithm, c.Username, c.Realm, "Circle of Life");

        string response = DigestHash.ComputeResponse(c.EffectiveAlgorithm, ha1, c.Nonce, "GET", c.Uri, c.Qop, c.NonceCount, c.Cnonce);

        Assert.Equal(c.Response, response);
    }

    [Fact]
    public void Parses_a_sip_register_without_qop()
    {
        const string value = "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dc3a5ab2530aa93112cf5904ba7d88fa\", "
            + "uri=\"sip:biloxi.com\", response=\"42221b57055285ff14b964301e365f71\"";

        Assert.True(DigestCredentials.TryParse(value, out DigestCredentials? c, out _));

        Assert.Null(c.Algorithm);
        Assert.Equal(DigestAlgorithm.Md5, c.EffectiveAlgorithm);
        Assert.Null(c.Qop);
        Assert.Null(c.NonceCount);
        Assert.Null(c.NonceCountValue);
        Assert.Null(c.Cnonce);
        Assert.Equal("sip:biloxi.com", c.Uri);
    }

    [Fact]
    public void Quoted_tokens_and_upper_case_nc_from_lax_uas_are_accepted()
    {
        const string value = "Digest username=bob, realm=\"biloxi.com\", nonce=\"n\", uri=\"sip:biloxi.com\", response=\"r\", "
            + "algorithm=\"MD5\", qop=\"auth\", nc=\"0000000A\", cnonce=\"c\", userhash=false";

        Assert.True(DigestCredentials.TryParse(value, out DigestCredentials? c, out _));

        Assert.Equal("bob", c.Username);
        Assert.Equal(DigestAlgorithm.Md5, c.Algorithm);
        Assert.Equal("auth", c.Qop);
        Assert.Equal("0000000A", c.NonceCount);
        Assert.Equal(10u, c.NonceCountValue);
    }

    [Fact]
    public void Uri_with_commas_and_escaped_quotes_in_username_survive()
    {
        const string value = "Digest username=\"front \\\"desk\\\"\", realm=\"r\", nonce=\"n\", "
            + "uri=\"sip:sales@example.com;transport=tcp?subject=a,b\", response=\"x\"";

        Assert.True(DigestCredentials.TryParse(value, out DigestCredentials? c, out _));

        Assert.Equal("front \"desk\"", c.Username);
        Assert.Equal("sip:sales@example.com;transport=tcp?subject=a,b", c.Uri);
    }

    [Theory]
    [InlineData("Digest realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"", DigestParseError.MissingUsername)]
    [InlineData("Digest username=\"a\", nonce=\"n\", uri=\"u\", response=\"x\"", DigestParseError.MissingRealm)]
    [InlineData("Digest username=\"a\", realm=\"r\", uri=\"u\", response=\"x\"", DigestParseError.MissingNonce)]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", response=\"x\"", DigestParseError.MissingUri)]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\"", DigestParseError.MissingResponse)]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", nc=1", DigestParseError.InvalidNonceCount)]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", nc=000000001", DigestParseError.InvalidNonceCount)]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", nc=0000000g", DigestParseError.InvalidNonceCount)]
    [InlineData("Digest username=\"a\", username=\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"", DigestParseError.DuplicateParameter)]
    [InlineData("Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", response=\"y\"", DigestParseError.DuplicateParameter)]
    [InlineData("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", DigestParseError.NotDigestScheme)]
    [InlineData("Digest username=\"a\" realm=\"r\"", DigestParseError.ExpectedComma)]
    [InlineData("Digest username=\"a, realm=\"r\"", DigestParseError.ExpectedComma)]
    [InlineData("Digest username=\"a", DigestParseError.UnterminatedQuotedString)]
    public void Malformed_credentials_are_rejected_with_a_reason(string value, DigestParseError expected)
    {
        Assert.False(DigestCredentials.TryParse(value, out DigestCredentials? c, out DigestParseError error));
        Assert.Null(c);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Writer_emits_the_form_real_uas_accept()
    {
        var credentials = new DigestCredentials
        {
            Username = "Mufasa",
            Realm = "http-auth@example.org",
            Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            Uri = "/dir/index.html",
            Response = "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
            Algorithm = DigestAlgorithm.Sha256,
            Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            Opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS",
            Qop = "auth",
            NonceCount = "00000001",
        };

        Assert.Equal(
            "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
            + "uri=\"/dir/index.html\", response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", "
            + "algorithm=SHA-256, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", "
            + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", qop=auth, nc=00000001",
            credentials.ToHeaderValue());
        Assert.True(DigestCredentials.TryParse(credentials.ToHeaderValue(), out DigestCredentials? parsed, out _));
        Assert.Equal(credentials, parsed);
    }

    [Fact]
    public void Writer_leaves_out_absent_parameters()
    {
        var credentials = new DigestCredentials { Username = "bob", Realm = "biloxi.com", Nonce = "n", Uri = "sip:biloxi.com", Response = "r" };

        Assert.Equal("Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"n\", uri=\"sip:biloxi.com\", response=\"r\"", credentials.ToHeaderValue());
    }
}
