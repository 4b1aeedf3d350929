using System.Security.Cryptography;

namespace CallService.Sip.Auth;

/// <summary>
/// The server side of SIP digest authentication (RFC 3261 22.2-22.4, RFC 7616, RFC 8760), used
/// by the registrar and for INVITE: issues challenges with self-validating nonces and verifies
/// credentials against stored HA1 values. Thread-safe; one instance per service.
/// </summary>
/// <remarks>
/// The digest-uri is not compared with the Request-URI (RFC 7616 3.4.6 "should"): behind
/// Kamailio's dispatcher the Request-URI we receive is rewritten, while the UA hashed the one it
/// sent. The uri is inside the response hash, so it cannot be altered without the password.
/// Replay protection is per node: nodes that share <see cref="DigestAuthenticatorOptions.NonceSecret"/>
/// accept each other's nonces but each keeps its own nc table.
/// </remarks>
public sealed class DigestAuthenticator
{
    // Stands in for the HA1 of an unknown user, so an unknown user costs the same hashing as a
    // known one and response timing does not reveal which accounts exist.
    private const string DummyHa1 = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly DigestAuthenticatorOptions _options;
    private readonly TimeProvider _time;
    private readonly DigestAlgorithm[] _algorithms;
    private readonly DigestNonce _nonces;
    private readonly NonceUseTracker _tracker;

    /// <exception cref="ArgumentException">The options are inconsistent (no algorithm, short secret, non-positive lifetime...).</exception>
    public DigestAuthenticator(DigestAuthenticatorOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Validate(options);
        _options = options;
        _time = time;

        // RFC 8760 2.4: one challenge per algorithm, in order of preference.
        _algorithms = [.. options.Algorithms.Distinct().OrderByDescending(a => a.Preference())];
        _nonces = new DigestNonce(options.NonceSecret is { } secret ? [.. secret] : RandomNumberGenerator.GetBytes(32));
        _tracker = new NonceUseTracker(options.MaxTrackedNonces, options.NonceLifetime + options.MaxClockSkew, NowUnixMs());
    }

    /// <summary>The enabled algorithms, strongest first.</summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms => _algorithms;

    /// <summary>Nonces currently held in the replay table (for metrics and tests).</summary>
    public int TrackedNonceCount => _tracker.Count;

    /// <summary>
    /// The challenges for a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate): one per enabled
    /// algorithm, strongest first (RFC 8760 2.4), qop="auth", sharing one fresh nonce. Each goes in
    /// its own header (RFC 3261 7.3.1). <paramref name="stale"/> marks a renewal after
    /// <see cref="DigestVerification.ShouldChallengeStale"/> (RFC 7616 3.3).
    /// </summary>
    public IReadOnlyList<DigestChallenge> CreateChallenges(string realm, bool stale = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(realm);
        string nonce = _nonces.Create(realm, NowUnixMs());
        var challenges = new DigestChallenge[_algorithms.Length];
        for (int i = 0; i < _algorithms.Length; i++)
        {
            challenges[i] = new DigestChallenge
            {
                Realm = realm,
                Nonce = nonce,
                Algorithm = _algorithms[i],
                QopOptions = ["auth"],
                Stale = stale,
            };
        }

        return challenges;
    }

    /// <summary>Parses an Authorization / Proxy-Authorization value and verifies it; a value that does not parse is <see cref="DigestVerificationResult.Malformed"/>.</summary>
    public DigestVerification Verify(string method, string realm, ReadOnlySpan<char> authorization, Func<string, string, DigestAlgorithm, string?> lookupHa1)
    {
        return DigestCredentials.TryParse(authorization, out DigestCredentials? credentials, out _)
            ? Verify(method, realm, credentials, lookupHa1)
            : new DigestVerification(DigestVerificationResult.Malformed, null, null);
    }

    /// <summary>
    /// Verifies <paramref name="credentials"/> sent with a request of <paramref name="method"/>
    /// to <paramref name="realm"/>. <paramref name="lookupHa1"/>(username, realm, family) returns
    /// the stored HA1 = H(username:realm:password) in hex for the hash family
    /// (<see cref="DigestAlgorithm.Md5"/> or <see cref="DigestAlgorithm.Sha256"/>, never a "-sess"
    /// variant), or null when there is no such account. Responses are compared in constant time.
    /// Checks run cheapest first; Stale and Replay are only reported for a correct response, so
    /// they never tell an attacker anything (RFC 7616 3.3).
    /// </summary>
    public DigestVerification Verify(string method, string realm, DigestCredentials credentials, Func<string, string, DigestAlgorithm, string?> lookupHa1)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(lookupHa1);

        string username = credentials.Username;
        if (credentials.UnrecognizedAlgorithm is not null || Array.IndexOf(_algorithms, credentials.EffectiveAlgorithm) < 0)
        {
            return new DigestVerification(DigestVerificationResult.UnsupportedAlgorithm, username, credentials.Algorithm);
        }

        DigestAlgorithm algorithm = credentials.EffectiveAlgorithm;
        DigestVerificationResult? shape = CheckShape(credentials, algorithm);
        if (shape is { } rejected)
        {
            return new DigestVerification(rejected, username, algorithm);
        }

        // RFC 3261 22.1: the realm must be the one we challenged with.
        if (!string.Equals(credentials.Realm, realm, StringComparison.Ordinal))
        {
            return new DigestVerification(DigestVerificationResult.RealmMismatch, username, algorithm);
        }

        if (!_nonces.TryValidate(credentials.Nonce, realm, out long issuedAtUnixMs))
        {
            return new DigestVerification(DigestVerificationResult.BadNonce, username, algorithm);
        }

        string? ha1 = lookupHa1(username, realm, algorithm.Family());
        bool known = ha1 is not null && DigestHash.IsValidHa1(algorithm, ha1);
        string expected = DigestHash.ComputeResponse(
            algorithm,
            known ? ha1!.ToLowerInvariant() : DummyHa1[..algorithm.HexLength()],
            credentials.Nonce,
            method,
            credentials.Uri,
            credentials.Qop,
            credentials.NonceCount,
            credentials.Cnonce);
        if (!known)
        {
            return new DigestVerification(DigestVerificationResult.UnknownUser, username, algorithm);
        }

        if (!ResponsesEqual(expected, credentials.Response))
        {
            return new DigestVerification(DigestVerificationResult.WrongResponse, username, algorithm);
        }

        long nowUnixMs = NowUnixMs();
        long ageMs = nowUnixMs - issuedAtUnixMs;
        if (ageMs > (long)_options.NonceLifetime.TotalMilliseconds || -ageMs > (long)_options.MaxClockSkew.TotalMilliseconds)
        {
            // RFC 7616 3.3: the password was right, only the nonce is old: stale=true.
            return new DigestVerification(DigestVerificationResult.Stale, username, algorithm);
        }

        NonceUse use = _tracker.TryUse(credentials.Nonce, issuedAtUnixMs, credentials.NonceCountValue, nowUnixMs);
        DigestVerificationResult result = use switch
        {
            NonceUse.Accepted => DigestVerificationResult.Success,
            NonceUse.Replay => DigestVerificationResult.Replay,
            _ => DigestVerificationResult.Stale,
        };
        return new DigestVerification(result, username, algorithm);
    }

    // What the qop and algorithm require of the other parameters (RFC 7616 3.4).
    private DigestVerificationResult? CheckShape(DigestCredentials credentials, DigestAlgorithm algorithm)
    {
        if (credentials.Qop is null)
        {
            if (!_options.AllowNoQop)
            {
                return DigestVerificationResult.UnsupportedQop;
            }

            // RFC 7616 3.4: cnonce is needed by the -sess HA1 even without qop.
            return algorithm.IsSession() && string.IsNullOrEmpty(credentials.Cnonce)
                ? DigestVerificationResult.Malformed
                : null;
        }

        if (!credentials.Qop.Equals("auth", StringComparison.OrdinalIgnoreCase))
        {
            // We challenge with qop="auth" only; "auth-int" would need the body.
            return DigestVerificationResult.UnsupportedQop;
        }

        // RFC 7616 3.4: with qop, cnonce and nc MUST be present.
        return string.IsNullOrEmpty(credentials.Cnonce) || credentials.NonceCount is null
            ? DigestVerificationResult.Malformed
            : null;
    }

    // Compares the hex digests as bytes in constant time; case-insensitive since some UAs send upper-case hex.
    private static bool ResponsesEqual(string expectedHex, string actualHex)
    {
        if (actualHex.Length != expectedHex.Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[expectedHex.Length / 2];
        Span<byte> actual = stackalloc byte[expectedHex.Length / 2];
        return Convert.FromHexString(expectedHex, expected, out _, out _) == System.Buffers.OperationStatus.Done
            && Convert.FromHexString(actualHex, actual, out _, out _) == System.Buffers.OperationStatus.Done
            && CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private long NowUnixMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static void Validate(DigestAuthenticatorOptions options)
    {
        if (options.Algorithms is null || options.Algorithms.Count == 0)
        {
            throw new ArgumentException("DigestAuthenticatorOptions.Algorithms: enable at least one algorithm (SHA-256, MD5).", nameof(options));
        }

        foreach (DigestAlgorithm algorithm in options.Algorithms)
        {
            if (!Enum.IsDefined(algorithm))
            {
                throw new ArgumentException($"DigestAuthenticatorOptions.Algorithms: unknown algorithm {algorithm}.", nameof(options));
            }
        }

        if (options.NonceLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("DigestAuthenticatorOptions.NonceLifetime must be positive.", nameof(options));
        }

        if (options.MaxClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentException("DigestAuthenticatorOptions.MaxClockSkew must not be negative.", nameof(options));
        }

        if (options.NonceSecret is { Length: < 32 })
        {
            throw new ArgumentException("DigestAuthenticatorOptions.NonceSecret must be at least 32 bytes.", nameof(options));
        }

        if (options.MaxTrackedNonces < 1)
        {
            throw new ArgumentException("DigestAuthenticatorOptions.MaxTrackedNonces must be at least 1.", nameof(options));
        }
    }
}
