using CallService.Sip.Auth;

namespace CallService.Tests.Auth;

public class DigestHashTests
{
    // RFC 7616 3.9.1 (with erratum 4495: "Circle of Life", lower-case "of").
    private const string RfcRealm = "http-auth@example.org";
    private const string RfcNonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string RfcCnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616_3_9_1_response(DigestAlgorithm algorithm, string expected)
    {
        string ha1 = DigestHash.ComputeHa1(algorithm, "Mufasa", RfcRealm, "Circle of Life");

        string response = DigestHash.ComputeResponse(algorithm, ha1, RfcNonce, "GET", "/dir/index.html", "auth", "00000001", RfcCnonce);

        Assert.Equal(expected, response);
    }

    [Fact]
    public void Rfc2617_3_5_md5_response()
    {
        // RFC 2617 3.5 (password "Circle Of Life" with capital O there).
        string ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life");

        string response = DigestHash.ComputeResponse(
            DigestAlgorithm.Md5, ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "GET", "/dir/index.html", "auth", "00000001", "0a4f113b");

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    // Expected values below were computed independently with Python's hashlib.
    [Theory]
    [InlineData(DigestAlgorithm.Md5, "3d78807defe7de2157e2b0b6573a855f")]
    [InlineData(DigestAlgorithm.Md5Sess, "3d78807defe7de2157e2b0b6573a855f")]
    [InlineData(DigestAlgorithm.Sha256, "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232")]
    [InlineData(DigestAlgorithm.Sha256Sess, "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232")]
    public void Ha1_is_the_plain_hash_of_the_family_lower_case_hex(DigestAlgorithm algorithm, string expected)
    {
        Assert.Equal(expected, DigestHash.ComputeHa1(algorithm, "Mufasa", RfcRealm, "Circle of Life"));
    }

    [Fact]
    public void Sip_register_without_qop_uses_the_rfc2069_form()
    {
        // RFC 3261 22.4 / RFC 2069: response = MD5(HA1:nonce:HA2), no nc, no cnonce.
        string ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, "bob", "biloxi.com", "zanzibar");
        Assert.Equal("12af60467a33e8518da5c68bbff12b11", ha1);

        string response = DigestHash.ComputeResponse(DigestAlgorithm.Md5, ha1, "dc3a5ab2530aa93112cf5904ba7d88fa", "REGISTER", "sip:biloxi.com");

        Assert.Equal("42221b57055285ff14b964301e365f71", response);
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5Sess, "12af60467a33e8518da5c68bbff12b11", "fe1db7c555996b7259664887fec1fc69")]
    [InlineData(DigestAlgorithm.Sha256Sess, "e65db393e748c5228939a6b4b2879e9ea5625cd79fd5267868cb568d69f6b97e", "c27beedcf045ba6d5088916ffacd85a8916d690d83f58a5270ac43313c087bf4")]
    public void Session_variants_fold_nonce_and_cnonce_into_ha1(DigestAlgorithm algorithm, string ha1, string expected)
    {
        Assert.Equal(ha1, DigestHash.ComputeHa1(algorithm, "bob", "biloxi.com", "zanzibar"));

        string response = DigestHash.ComputeResponse(
            algorithm, ha1, "ea9c8e88df84f1cec4341ae6cbe5a359", "INVITE", "sip:alice@atlanta.com", "auth", "00000001", "0a4f113b");

        Assert.Equal(expected, response);
    }

    [Fact]
    public void Auth_int_is_refused()
    {
        Assert.Throws<NotSupportedException>(() => DigestHash.ComputeResponse(
            DigestAlgorithm.Md5, new string('0', 32), "n", "INVITE", "sip:a@b", "auth-int", "00000001", "c"));
    }

    [Fact]
    public void Qop_without_cnonce_or_nc_is_a_caller_error()
    {
        string ha1 = new('0', 32);
        Assert.Throws<ArgumentException>(() => DigestHash.ComputeResponse(DigestAlgorithm.Md5, ha1, "n", "INVITE", "sip:a@b", "auth", "00000001", null));
        Assert.Throws<ArgumentException>(() => DigestHash.ComputeResponse(DigestAlgorithm.Md5, ha1, "n", "INVITE", "sip:a@b", "auth", null, "c"));
        Assert.Throws<ArgumentException>(() => DigestHash.ComputeResponse(DigestAlgorithm.Md5Sess, ha1, "n", "INVITE", "sip:a@b"));
    }

    [Fact]
    public void Long_inputs_are_hashed_from_a_pooled_buffer()
    {
        string longUser = new('u', 2000);
        string viaPool = DigestHash.ComputeHa1(DigestAlgorithm.Sha256, longUser, "r", "p");
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(longUser + ":r:p")));
        Assert.Equal(expected, viaPool);
    }

    [Fact]
    public void Non_ascii_names_are_hashed_as_utf8()
    {
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("Jäsøn Doe:前台:秘密"u8));
        Assert.Equal(expected, DigestHash.ComputeHa1(DigestAlgorithm.Md5, "Jäsøn Doe", "前台", "秘密"));
    }

    [Theory]
    [InlineData(DigestAlgorithm.Md5, "3d78807defe7de2157e2b0b6573a855f", true)]
    [InlineData(DigestAlgorithm.Md5, "3D78807DEFE7DE2157E2B0B6573A855F", true)]
    [InlineData(DigestAlgorithm.Md5, "3d78807defe7de2157e2b0b6573a855", false)]
    [InlineData(DigestAlgorithm.Md5, "3d78807defe7de2157e2b0b6573a855g", false)]
    [InlineData(DigestAlgorithm.Sha256, "3d78807defe7de2157e2b0b6573a855f", false)]
    [InlineData(DigestAlgorithm.Sha256Sess, "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232", true)]
    public void IsValidHa1_checks_length_and_hex(DigestAlgorithm algorithm, string ha1, bool valid)
    {
        Assert.Equal(valid, DigestHash.IsValidHa1(algorithm, ha1));
    }

    [Theory]
    [InlineData("MD5", DigestAlgorithm.Md5)]
    [InlineData("md5-SESS", DigestAlgorithm.Md5Sess)]
    [InlineData("sha-256", DigestAlgorithm.Sha256)]
    [InlineData("SHA-256-sess", DigestAlgorithm.Sha256Sess)]
    public void Algorithm_tokens_parse_case_insensitively_and_write_canonically(string token, DigestAlgorithm expected)
    {
        Assert.True(DigestAlgorithms.TryParse(token, out DigestAlgorithm parsed));
        Assert.Equal(expected, parsed);
        Assert.Equal(token, parsed.ToToken(), ignoreCase: true);
    }

    [Theory]
    [InlineData("SHA-512-256")]
    [InlineData("SHA256")]
    [InlineData("")]
    public void Unknown_algorithm_tokens_do_not_parse(string token)
    {
        Assert.False(DigestAlgorithms.TryParse(token, out _));
    }
}
