namespace CallService.Sip.Auth;

/// <summary>Settings of <see cref="DigestAuthenticator"/>; checked when the authenticator is built.</summary>
public sealed record DigestAuthenticatorOptions
{
    /// <summary>
    /// The algorithms offered and accepted. Challenges go out strongest first whatever the order
    /// here (RFC 8760 2.4). Default: SHA-256 and MD5 (many deployed phones still know only MD5).
    /// </summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; init; } = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];

    /// <summary>
    /// How long a nonce stays fresh. After that a correct response is answered Stale and the UA
    /// retries with a new nonce without asking its user (RFC 7616 3.3). Default 5 minutes.
    /// </summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Tolerated clock difference between nodes sharing <see cref="NonceSecret"/>: a nonce that
    /// seems issued up to this far in the future is still accepted. Default 30 seconds.
    /// </summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Key of the nonce MAC, at least 32 bytes. Null (default): a random key per process, so
    /// nonces die with the process. Set the same key on every node behind Kamailio so any node
    /// accepts another's nonce (replay tracking stays per node).
    /// </summary>
    public byte[]? NonceSecret { get; init; }

    /// <summary>
    /// Accept credentials without qop (RFC 2069 form, still sent by some MD5-only UAs). Such a
    /// nonce is single-use, since without nc a replay cannot be told from a new request; reusing it
    /// is answered Replay and the UA is re-challenged. Default true.
    /// </summary>
    public bool AllowNoQop { get; init; } = true;

    /// <summary>Most nonces tracked for replay protection at once (bounded memory). Default 100 000.</summary>
    public int MaxTrackedNonces { get; init; } = 100_000;
}
