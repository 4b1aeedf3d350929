using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace CallService.Sip.Auth;

/// <summary>
/// The client side of SIP digest authentication (RFC 3261 22.2-22.3, RFC 7616 3.4, RFC 8760 2.4):
/// answers a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate) with the value of an
/// Authorization or Proxy-Authorization header. Picks the strongest challenge it can answer,
/// generates a cnonce, and counts nc per nonce so a nonce can be reused for later requests.
/// Thread-safe; keep one per registration or trunk so the nc counts carry over.
/// </summary>
public sealed class DigestClient
{
    // Nonces whose nc we remember; a UA uses one or two at a time, older ones are dropped.
    private const int RememberedNonces = 16;

    private readonly Func<string> _cnonceFactory;
    private readonly Dictionary<string, uint> _nonceCounts = new(StringComparer.Ordinal);
    private readonly Queue<string> _nonceOrder = new();
    private readonly Lock _lock = new();

    /// <summary>A client with random cnonces (128 bits, hex).</summary>
    public DigestClient()
        : this(null)
    {
    }

    /// <param name="cnonceFactory">Makes cnonces; null for random ones. Tests pass a fixed value.</param>
    public DigestClient(Func<string>? cnonceFactory)
    {
        _cnonceFactory = cnonceFactory ?? (static () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
    }

    /// <summary>
    /// The strongest challenge this client can answer with <paramref name="secret"/>, or null.
    /// RFC 8760 2.4: a UAC receiving several challenges uses the first (most preferred) algorithm
    /// it supports; we rank by strength ourselves rather than trust the order (SHA-256 over MD5).
    /// </summary>
    public static DigestChallenge? SelectChallenge(IEnumerable<DigestChallenge> challenges, DigestSecret secret)
    {
        ArgumentNullException.ThrowIfNull(challenges);
        ArgumentNullException.ThrowIfNull(secret);
        DigestChallenge? best = null;
        foreach (DigestChallenge challenge in challenges)
        {
            if (CanAnswer(challenge, secret)
                && (best is null || challenge.EffectiveAlgorithm.Preference() > best.EffectiveAlgorithm.Preference()))
            {
                best = challenge;
            }
        }

        return best;
    }

    /// <summary>
    /// True when <paramref name="challenge"/> can be answered: a known algorithm the secret
    /// covers, and qop "auth" offered or no qop at all ("auth-int" alone is not supported; a
    /// "-sess" algorithm needs qop for its cnonce).
    /// </summary>
    public static bool CanAnswer(DigestChallenge challenge, DigestSecret secret)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(secret);
        if (!challenge.IsSupported || !secret.Supports(challenge.EffectiveAlgorithm))
        {
            return false;
        }

        return challenge.QopOptions.Count == 0
            ? !challenge.EffectiveAlgorithm.IsSession()
            : challenge.OffersQop("auth");
    }

    /// <summary>
    /// Answers the strongest answerable challenge among <paramref name="challenges"/> (all the
    /// WWW-Authenticate or Proxy-Authenticate values of one response, for one realm). False when
    /// none can be answered.
    /// </summary>
    public bool TryAuthorize(
        IEnumerable<DigestChallenge> challenges,
        string username,
        DigestSecret secret,
        string method,
        string requestUri,
        [NotNullWhen(true)] out DigestCredentials? credentials)
    {
        DigestChallenge? challenge = SelectChallenge(challenges, secret);
        credentials = challenge is null ? null : Authorize(challenge, username, secret, method, requestUri);
        return credentials is not null;
    }

    /// <summary>
    /// Answers <paramref name="challenge"/> for a request of <paramref name="method"/> to
    /// <paramref name="requestUri"/> (RFC 3261 22.4: the digest-uri is the Request-URI). Calling
    /// it again with the same challenge reuses the nonce with the next nc. Write the result with
    /// <see cref="DigestCredentials.ToHeaderValue"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The challenge cannot be answered (see <see cref="CanAnswer"/>).</exception>
    public DigestCredentials Authorize(DigestChallenge challenge, string username, DigestSecret secret, string method, string requestUri)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        if (!CanAnswer(challenge, secret))
        {
            throw new NotSupportedException(
                $"Cannot answer a digest challenge with algorithm '{challenge.UnrecognizedAlgorithm ?? challenge.EffectiveAlgorithm.ToToken()}' " +
                $"and qop '{string.Join(',', challenge.QopOptions)}'.");
        }

        DigestAlgorithm algorithm = challenge.EffectiveAlgorithm;
        string ha1 = secret.GetHa1(algorithm, username, challenge.Realm)!;
        bool withQop = challenge.QopOptions.Count > 0;
        string? qop = withQop ? "auth" : null;
        string? cnonce = withQop ? _cnonceFactory() : null;
        string? nc = withQop ? NextNonceCount(challenge.Nonce).ToString("x8", CultureInfo.InvariantCulture) : null;
        string response = DigestHash.ComputeResponse(algorithm, ha1, challenge.Nonce, method, requestUri, qop, nc, cnonce);
        return new DigestCredentials
        {
            Username = username,
            Realm = challenge.Realm,
            Nonce = challenge.Nonce,
            Uri = requestUri,
            Response = response,
            // RFC 7616 3.4: algorithm and opaque are those of the challenge (absent stays absent).
            Algorithm = challenge.Algorithm,
            Cnonce = cnonce,
            Opaque = challenge.Opaque,
            Qop = qop,
            NonceCount = nc,
        };
    }

    // RFC 7616 3.4: nc counts the requests sent with this nonce, starting at 1.
    private uint NextNonceCount(string nonce)
    {
        lock (_lock)
        {
            if (_nonceCounts.TryGetValue(nonce, out uint count))
            {
                _nonceCounts[nonce] = ++count;
                return count;
            }

            if (_nonceOrder.Count >= RememberedNonces)
            {
                _nonceCounts.Remove(_nonceOrder.Dequeue());
            }

            _nonceOrder.Enqueue(nonce);
            _nonceCounts[nonce] = 1;
            return 1;
        }
    }
}
