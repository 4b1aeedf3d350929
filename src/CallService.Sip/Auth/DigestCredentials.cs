using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CallService.Sip.Auth;

/// <summary>
/// Digest credentials: the value of an Authorization or Proxy-Authorization header (RFC 3261
/// 22.2, 25.1 "credentials"; RFC 7616 3.4). "userhash" and "username*" are not supported and are
/// ignored: we never offer userhash, so a UA that hashes its username simply finds no account.
/// </summary>
public sealed record DigestCredentials
{
    /// <summary>The user name; required.</summary>
    public required string Username { get; init; }

    /// <summary>The realm the credentials answer; required.</summary>
    public required string Realm { get; init; }

    /// <summary>The nonce from the challenge; required.</summary>
    public required string Nonce { get; init; }

    /// <summary>The digest-uri (RFC 3261 22.4: the Request-URI as the client sent it); required.</summary>
    public required string Uri { get; init; }

    /// <summary>The request-digest in hex; required.</summary>
    public required string Response { get; init; }

    /// <summary>The algorithm, or null when absent (MD5, RFC 7616 3.3). Also null when <see cref="UnrecognizedAlgorithm"/> is set.</summary>
    public DigestAlgorithm? Algorithm { get; init; }

    /// <summary>The algorithm token when it is one we do not support, else null.</summary>
    public string? UnrecognizedAlgorithm { get; init; }

    /// <summary>The client nonce; present with qop and the "-sess" algorithms.</summary>
    public string? Cnonce { get; init; }

    /// <summary>The opaque value echoed from the challenge, or null.</summary>
    public string? Opaque { get; init; }

    /// <summary>The qop chosen ("auth"), or null for the RFC 2069 form.</summary>
    public string? Qop { get; init; }

    /// <summary>nc as sent: exactly 8 hex digits (RFC 3261 25.1 nc-value), or null. The text enters the hash as sent.</summary>
    public string? NonceCount { get; init; }

    /// <summary>The algorithm in force: <see cref="Algorithm"/>, or MD5 when absent. Meaningless when <see cref="UnrecognizedAlgorithm"/> is set.</summary>
    public DigestAlgorithm EffectiveAlgorithm => Algorithm ?? DigestAlgorithm.Md5;

    /// <summary><see cref="NonceCount"/> as a number, or null when absent.</summary>
    public uint? NonceCountValue =>
        NonceCount is not null && uint.TryParse(NonceCount, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value)
            ? value
            : null;

    /// <summary>
    /// Parses an Authorization / Proxy-Authorization header value. Never throws for bad input.
    /// Unknown parameters are ignored (RFC 7616 3.4); every parameter may be quoted or not.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out DigestCredentials? credentials, out DigestParseError error)
    {
        credentials = null;
        if (!DigestHeaderSyntax.TryReadScheme(value, out ReadOnlySpan<char> parameters, out error))
        {
            return false;
        }

        string? username = null, realm = null, nonce = null, uri = null, response = null, algorithm = null;
        string? cnonce = null, opaque = null, qop = null, nc = null;
        var reader = new AuthParamReader(parameters);
        while (reader.TryRead(out AuthParam param, out error))
        {
            ReadOnlySpan<char> name = param.Name;
            bool stored = true;
            if (name.Equals("username", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref username, param, ref error);
            }
            else if (name.Equals("realm", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref realm, param, ref error);
            }
            else if (name.Equals("nonce", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref nonce, param, ref error);
            }
            else if (name.Equals("uri", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref uri, param, ref error);
            }
            else if (name.Equals("response", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref response, param, ref error);
            }
            else if (name.Equals("algorithm", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref algorithm, param, ref error);
            }
            else if (name.Equals("cnonce", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref cnonce, param, ref error);
            }
            else if (name.Equals("opaque", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref opaque, param, ref error);
            }
            else if (name.Equals("qop", StringComparison.OrdinalIgnoreCase))
            {
                stored = DigestHeaderSyntax.TrySet(ref qop, param, ref error);
            }
            else if (name.Equals("nc", StringComparison.OrdinalIgnoreCase))
            {
                if (!DigestHeaderSyntax.IsNonceCount(param.RawValue))
                {
                    error = DigestParseError.InvalidNonceCount;
                    return false;
                }

                stored = DigestHeaderSyntax.TrySet(ref nc, param, ref error);
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

        error = username is null ? DigestParseError.MissingUsername
            : realm is null ? DigestParseError.MissingRealm
            : nonce is null ? DigestParseError.MissingNonce
            : uri is null ? DigestParseError.MissingUri
            : response is null ? DigestParseError.MissingResponse
            : DigestParseError.None;
        if (error != DigestParseError.None)
        {
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

        credentials = new DigestCredentials
        {
            Username = username!,
            Realm = realm!,
            Nonce = nonce!,
            Uri = uri!,
            Response = response!,
            Algorithm = known,
            UnrecognizedAlgorithm = unrecognized,
            Cnonce = cnonce,
            Opaque = opaque,
            Qop = qop,
            NonceCount = nc,
        };
        return true;
    }

    /// <summary>
    /// The header value, e.g. <c>Digest username="alice", realm="r", nonce="n", uri="sip:r",
    /// response="...", algorithm=SHA-256, cnonce="c", qop=auth, nc=00000001</c>.
    /// </summary>
    public string ToHeaderValue()
    {
        var writer = new DigestHeaderWriter()
            .Quoted("username", Username)
            .Quoted("realm", Realm)
            .Quoted("nonce", Nonce)
            .Quoted("uri", Uri)
            .Quoted("response", Response);
        if (UnrecognizedAlgorithm is not null)
        {
            writer.Token("algorithm", UnrecognizedAlgorithm);
        }
        else if (Algorithm is { } algorithm)
        {
            writer.Token("algorithm", algorithm.ToToken());
        }

        if (Cnonce is not null)
        {
            writer.Quoted("cnonce", Cnonce);
        }

        if (Opaque is not null)
        {
            writer.Quoted("opaque", Opaque);
        }

        if (Qop is not null)
        {
            writer.Token("qop", Qop);
        }

        if (NonceCount is not null)
        {
            writer.Token("nc", NonceCount);
        }

        return writer.ToString();
    }

    /// <inheritdoc cref="ToHeaderValue"/>
    public override string ToString() => ToHeaderValue();
}
