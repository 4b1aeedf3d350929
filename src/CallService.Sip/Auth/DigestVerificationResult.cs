namespace CallService.Sip.Auth;

/// <summary>How a digest verification ended, with the answer the server should give (RFC 3261 22, RFC 7616 3.3).</summary>
public enum DigestVerificationResult
{
    /// <summary>The credentials are valid: process the request.</summary>
    Success,

    /// <summary>
    /// The response is correct but the nonce has expired or this node can no longer vouch for it
    /// (issued before a restart). Re-challenge with stale=true (RFC 7616 3.3); not a failure.
    /// </summary>
    Stale,

    /// <summary>The response does not match: wrong password. Count a failure; answer 403 or re-challenge.</summary>
    WrongResponse,

    /// <summary>No HA1 for this user in this realm (or a malformed stored HA1). Treat exactly like <see cref="WrongResponse"/>.</summary>
    UnknownUser,

    /// <summary>The nonce was not issued by us for this realm (tampered, foreign, truncated). Count a failure; re-challenge.</summary>
    BadNonce,

    /// <summary>
    /// The response is correct but its nc is not above the highest seen for the nonce, or a
    /// no-qop nonce was used twice. Re-challenge with a fresh nonce and stale=true: an honest UA
    /// that reuses nonces recovers silently, a replaying attacker cannot answer.
    /// </summary>
    Replay,

    /// <summary>The credentials answer another realm. Re-challenge with ours.</summary>
    RealmMismatch,

    /// <summary>The algorithm is unknown or not enabled. Re-challenge with the configured ones.</summary>
    UnsupportedAlgorithm,

    /// <summary>The qop is not "auth" ("auth-int" is not supported), or no qop while <see cref="DigestAuthenticatorOptions.AllowNoQop"/> is off. Re-challenge.</summary>
    UnsupportedQop,

    /// <summary>The header does not parse or lacks what its qop/algorithm needs (cnonce, nc). Answer 400.</summary>
    Malformed,
}
