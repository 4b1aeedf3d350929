using CallService.Sip.Auth;

namespace CallService.Tests.Auth;

public class DigestChallengeParserTests
{
    [Fact]
    public void Parses_the_rfc7616_challenge()
    {
        const string value = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, "
            + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

        Assert.True(DigestChallenge.TryParse(value, out DigestChallenge? challenge, out DigestParseError error));

        Assert.Equal(DigestParseError.None, error);
        Assert.Equal("http-auth@example.org", challenge.Realm);
        Assert.Equal("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", challenge.Nonce);
        Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", challenge.Opaque);
        Assert.Equal(DigestAlgorithm.Sha256, challenge.Algorithm);
        Assert.Equal(["auth", "auth-int"], challenge.QopOptions);
        Assert.False(challenge.Stale);
        Assert.True(challenge.IsSupported);
    }

    [Fact]
    public void Names_and_scheme_are_case_insensitive()
    {
        Assert.True(DigestChallenge.TryParse("dIgEsT REALM=\"r\", NoNcE=\"n\", Algorithm=md5-SESS, QOP=\"auth\", STALE=TRUE", out DigestChallenge? c, out _));

        Assert.Equal("r", c.Realm);
        Assert.Equal("n", c.Nonce);
        Assert.Equal(DigestAlgorithm.Md5Sess, c.Algorithm);
        Assert.True(c.OffersQop("AUTH"));
        Assert.True(c.Stale);
    }

    [Fact]
    public void Escaped_quotes_and_backslashes_are_unescaped()
    {
        Assert.True(DigestChallenge.TryParse(@"Digest realm=""the \""front\"" desk \\ bar"", nonce=""a\bc""", out DigestChallenge? c, out _));

        Assert.Equal("the \"front\" desk \\ bar", c.Realm);
        Assert.Equal("abc", c.Nonce);
    }

    [Fact]
    public void Commas_inside_quoted_values_do_not_split_the_list()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"sales, front desk\", nonce=\"a,b,c\", qop=\"auth,auth-int\"", out DigestChallenge? c, out _));

        Assert.Equal("sales, front desk", c.Realm);
        Assert.Equal("a,b,c", c.Nonce);
        Assert.Equal(["auth", "auth-int"], c.QopOptions);
    }

    [Fact]
    public void Linear_white_space_and_empty_list_elements_are_tolerated()
    {
        const string value = "  Digest\t realm =\t\"r\" ,\r\n nonce= \"n\",, ,\r\n\tstale = false ,";

        Assert.True(DigestChallenge.TryParse(value, out DigestChallenge? c, out DigestParseError error), error.ToString());

        Assert.Equal("r", c.Realm);
        Assert.Equal("n", c.Nonce);
        Assert.False(c.Stale);
        Assert.Null(c.Algorithm);
        Assert.Equal(DigestAlgorithm.Md5, c.EffectiveAlgorithm);
        Assert.Empty(c.QopOptions);
    }

    [Fact]
    public void Unquoted_values_and_unknown_parameters_are_accepted()
    {
        // A base64 nonce sent unquoted still parses; unknown parameters are ignored (RFC 7616 3.3).
        Assert.True(DigestChallenge.TryParse("Digest realm=biloxi.com, nonce=ab/c+d==, qop=auth, charset=UTF-8, userhash=true, x-vendor=\"1\"", out DigestChallenge? c, out _));

        Assert.Equal("biloxi.com", c.Realm);
        Assert.Equal("ab/c+d==", c.Nonce);
        Assert.Equal(["auth"], c.QopOptions);
    }

    [Theory]
    [InlineData("stale=true", true)]
    [InlineData("stale=TRUE", true)]
    [InlineData("stale=\"true\"", true)]
    [InlineData("stale=false", false)]
    [InlineData("stale=yes", false)]
    public void Stale_is_true_only_for_true(string parameter, bool expected)
    {
        Assert.True(DigestChallenge.TryParse($"Digest realm=\"r\", nonce=\"n\", {parameter}", out DigestChallenge? c, out _));
        Assert.Equal(expected, c.Stale);
    }

    [Fact]
    public void An_unknown_algorithm_is_kept_and_marked_unsupported()
    {
        Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", out DigestChallenge? c, out _));

        Assert.Null(c.Algorithm);
        Assert.Equal("SHA-512-256", c.UnrecognizedAlgorithm);
        Assert.False(c.IsSupported);
        Assert.Contains("algorithm=SHA-512-256", c.ToHeaderValue(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", DigestParseError.Empty)]
    [InlineData(" \t ", DigestParseError.Empty)]
    [InlineData("Basic realm=\"r\"", DigestParseError.NotDigestScheme)]
    [InlineData("Digestrealm=\"r\", nonce=\"n\"", DigestParseError.NotDigestScheme)]
    [InlineData("Digest,realm=\"r\"", DigestParseError.NotDigestScheme)]
    [InlineData("Digest", DigestParseError.MissingRealm)]
    [InlineData("Digest nonce=\"n\"", DigestParseError.MissingRealm)]
    [InlineData("Digest realm=\"r\"", DigestParseError.MissingNonce)]
    [InlineData("Digest realm", DigestParseError.ExpectedEquals)]
    [InlineData("Digest realm \"r\"", DigestParseError.ExpectedEquals)]
    [InlineData("Digest =\"r\"", DigestParseError.ExpectedParameterName)]
    [InlineData("Digest \"r\"", DigestParseError.ExpectedParameterName)]
    [InlineData("Digest realm=", DigestParseError.ExpectedValue)]
    [InlineData("Digest realm= , nonce=\"n\"", DigestParseError.ExpectedValue)]
    [InlineData("Digest realm=\"r", DigestParseError.UnterminatedQuotedString)]
    [InlineData("Digest realm=\"r\\\"", DigestParseError.UnterminatedQuotedString)]
    [InlineData("Digest realm=\"r\\", DigestParseError.UnterminatedQuotedString)]
    [InlineData("Digest realm=\"r\" nonce=\"n\"", DigestParseError.ExpectedComma)]
    [InlineData("Digest realm=r\"x\", nonce=\"n\"", DigestParseError.ExpectedComma)]
    [InlineData("Digest realm=\"r\", nonce=\"n\", realm=\"evil\"", DigestParseError.DuplicateParameter)]
    [InlineData("Digest realm=\"r\", nonce=\"n\", NONCE=\"m\"", DigestParseError.DuplicateParameter)]
    [InlineData("Digest realm=\"r\r\nVia: x\", nonce=\"n\"", DigestParseError.InvalidCharacter)]
    [InlineData("Digest realm=\"r\\\nx\", nonce=\"n\"", DigestParseError.InvalidCharacter)]
    [InlineData("Digest realm=\"r\0\", nonce=\"n\"", DigestParseError.InvalidCharacter)]
    public void Malformed_values_are_rejected_with_a_reason(string value, DigestParseError expected)
    {
        Assert.False(DigestChallenge.TryParse(value, out DigestChallenge? c, out DigestParseError error));
        Assert.Null(c);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Writer_quotes_what_must_be_quoted_and_round_trips()
    {
        var challenge = new DigestChallenge
        {
            Realm = "a \"b\" \\ c",
            Nonce = "n/+=",
            Opaque = "o",
            Algorithm = DigestAlgorithm.Sha256,
            QopOptions = ["auth", "auth-int"],
            Stale = true,
            Domain = "sip:a sip:b",
        };

        string value = challenge.ToHeaderValue();

        Assert.Equal(
            "Digest realm=\"a \\\"b\\\" \\\\ c\", domain=\"sip:a sip:b\", nonce=\"n/+=\", opaque=\"o\", stale=true, algorithm=SHA-256, qop=\"auth,auth-int\"",
            value);
        Assert.True(DigestChallenge.TryParse(value, out DigestChallenge? parsed, out _));
        Assert.Equal(challenge.Realm, parsed.Realm);
        Assert.Equal(challenge.Nonce, parsed.Nonce);
        Assert.Equal(challenge.Opaque, parsed.Opaque);
        Assert.Equal(challenge.Algorithm, parsed.Algorithm);
        Assert.Equal(challenge.QopOptions, parsed.QopOptions);
        Assert.Equal(challenge.Stale, parsed.Stale);
        Assert.Equal(challenge.Domain, parsed.Domain);
    }

    [Fact]
    public void Writer_refuses_line_breaks_that_would_inject_headers()
    {
        var challenge = new DigestChallenge { Realm = "r\r\nContact: <sip:evil>", Nonce = "n" };
        Assert.Throws<ArgumentException>(() => challenge.ToHeaderValue());
    }

    [Fact]
    public void Garbage_never_throws()
    {
        // Deterministic noise built from the characters that matter to the grammar.
        const string alphabet = "Digest realm=nonce\"\\,; \t\r\nqop=auth-int SHA-256 é\0=";
        var random = new Random(7616);
        var buffer = new char[64];
        var reasons = new HashSet<DigestParseError>();
        for (int i = 0; i < 5000; i++)
        {
            int length = random.Next(buffer.Length);
            for (int j = 0; j < length; j++)
            {
                buffer[j] = alphabet[random.Next(alphabet.Length)];
            }

            string text = (i % 2 == 0 ? "Digest " : string.Empty) + new string(buffer, 0, length);
            if (DigestChallenge.TryParse(text, out DigestChallenge? c, out DigestParseError error))
            {
                Assert.NotNull(c.Realm);
                Assert.Equal(DigestParseError.None, error);
            }
            else
            {
                Assert.NotEqual(DigestParseError.None, error);
                reasons.Add(error);
            }

            DigestCredentials.TryParse(text, out _, out _);
        }

        // The noise is not all stopped by the first check: it reaches deep into the grammar.
        Assert.True(reasons.Count >= 6, string.Join(", ", reasons));
    }
}
