using System.Diagnostics.CodeAnalysis;

namespace CallService.Sip.Auth;

/// <summary>
/// A digest challenge: the value of a WWW-Authenticate (401) or Proxy-Authenticate (407) header
/// (RFC 3261 22.1, 25.1 "challenge"; RFC 7616 3.3). SIP carries one challenge per header value
/// (RFC 3261 7.3.1 forbids combining these headers with commas), so a value parses to one challenge.
/// </summary>
public sealed record DigestChallenge
{
    /// <summary>The protection space (RFC 7616 3.3 realm); required.</summary>
    public required string Realm { get; init; }

    /// <summary>The server's nonce; required.</summary>
    public required string Nonce { get; init; }

    /// <summary>Opaque data the client must echo unchanged, or null.</summary>
    public string? Opaque { get; init; }

    /// <summary>
    /// The algorithm, or null when the parameter is absent (which means MD5, RFC 7616 3.3).
    /// Also null when <see cref="UnrecognizedAlgorithm"/> is set.
    /// </summary>
    public DigestAlgorithm? Algorithm { get; init; }

    /// <summary>The algorithm token when it is one we do not support (for example "SHA-512-256"), else null.</summary>
    public string? UnrecognizedAlgorithm { get; init; }

    /// <summary>The qop-options offered ("auth", "auth-int", ...); empty when the challenge has no qop (RFC 2069 style).</summary>
    public IReadOnlyList<string> QopOptions { get; init; } = [];

    /// <summary>RFC 7616 3.3: true when the previous request failed only because its nonce was stale.</summary>
    public bool Stale { get; init; }

    /// <summary>The domain parameter (space-separated URIs), or null.</summary>
    public string? Domain { get; init; }

    /// <summary>The algorithm in force: <see cref="Algorithm"/>, or MD5 when absent. Meaningless when <see cref="IsSupported"/> is false.</summary>
    public DigestAlgorithm EffectiveAlgorithm => Algorithm ?? DigestAlgorithm.Md5;

    /// <summary>False when the challenge names an algorithm we cannot compute.</summary>
    public bool IsSupported => UnrecognizedAlgorithm is null;

    /// <summary>True when <paramref name="qop"/> is among <see cref="QopOptions"/> (case-insensitive).</summary>
    public bool OffersQop(string qop)
    {
        foreach (string option in QopOptions)
        {
            if (option.Equals(qop, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Parses a WWW-Authenticate / Proxy-Authenticate header value ("Digest realm=..., nonce=...").
    /// Never throws for bad input. Unknown parameters are ignored (RFC 7616 3.3).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out DigestChallenge? challenge, out DigestParseError error)
    {
        challenge = null;
        if (!DigestHeaderSyntax.TryReadScheme(value, out ReadOnlySpan<char> parameters, out error))
        {
            return false;
        }

        string? realm = null, nonce = null, opaque = null, algorithm = null, qop = null, stale = null, domain = null;
        var reader = new AuthParamReader(parameters);
        while (reader.TryRead(out AuthParam param, out error))
        {
            ReadOnlySpan<char> name = param.Name;
            bool stored = true;
            if (name.Equals("realm", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref realm, param, ref error);
            }
            else if (name.Equals("nonce", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref nonce, param, ref error);
            }
            else if (name.Equals("opaque", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref opaque, param, ref error);
            }
            else if (name.Equals("algorithm", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref algorithm, param, ref error);
            }
            else if (name.Equals("qop", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref qop, param, ref error);
            }
            else if (name.Equals("stale", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref stale, param, ref error);
            }
            else if (name.Equals("domain", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref domain, param, ref error);
            }

            if (!stored)
            {
                return false;
            }
        }

        if (error != DigestParseError.None)
        {
            return false;
        }

        if (realm is null)
        {
            error = DigestParseError.MissingRealm;
            return false;
        }

        if (nonce is null)
        {
            error = DigestParseError.MissingNonce;
            return false;
        }

        DigestAlgorithm? known = null;
        string? unrecognized = null;
        if (algorithm is not null)
        {
            if (DigestAlgorithms.TryParse(algorithm, out DigestAlgorithm parsed))
            {
                known = parsed;
            }
            else
            {
                unrecognized = algorithm;
            }
        }

        challenge = new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Opaque = opaque,
            Algorithm = known,
            UnrecognizedAlgorithm = unrecognized,
            QopOptions = qop is null ? [] : SplitQopOptions(qop),
            // RFC 7616 3.3: "true" (case-insensitive) is stale; any other value is not.
            Stale = stale is not null && stale.Equals("true", StringComparison.OrdinalIgnoreCase),
            Domain = domain,
        };
        return true;
    }

    /// <summary>
    /// The header value, e.g. <c>Digest realm="a", nonce="b", algorithm=SHA-256, qop="auth"</c>.
    /// RFC 3261 25.1 qop-options is a quoted list; stale and algorithm are tokens.
    /// </summary>
    public string ToHeaderValue()
    {
        var writer = new DigestHeaderWriter().Quoted("realm", Realm);
        if (Domain is not null)
        {
            writer.Quoted("domain", Domain);
        }

        writer.Quoted("nonce", Nonce);
        if (Opaque is not null)
        {
            writer.Quoted("opaque", Opaque);
        }

        if (Stale)
        {
            writer.Token("stale", "true");
        }

        if (UnrecognizedAlgorithm is not null)
        {
            writer.Token("algorithm", UnrecognizedAlgorithm);
        }
        else if (Algorithm is { } algorithm)
        {
            writer.Token("algorithm", algorithm.ToToken());
        }

        if (QopOptions.Count > 0)
        {
            writer.Quoted("qop", string.Join(',', QopOptions));
        }

        return writer.ToString();
    }

    /// <inheritdoc cref="ToHeaderValue"/>
    public override string ToString() => ToHeaderValue();

    // RFC 3261 25.1: qop-options = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT; LWS around commas tolerated.
    private static string[] SplitQopOptions(string qop) =>
        qop.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
