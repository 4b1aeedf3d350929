namespace CallService.Sip.Auth;

/// <summary>The outcome of <see cref="DigestAuthenticator.Verify(string, string, DigestCredentials, Func{string, string, DigestAlgorithm, string?})"/>.</summary>
/// <param name="Result">How verification ended.</param>
/// <param name="Username">The username the credentials claim (null when the header did not parse).</param>
/// <param name="Algorithm">The algorithm the credentials used, when recognised.</param>
public readonly record struct DigestVerification(DigestVerificationResult Result, string? Username, DigestAlgorithm? Algorithm)
{
    /// <summary>True for <see cref="DigestVerificationResult.Success"/>.</summary>
    public bool IsSuccess => Result == DigestVerificationResult.Success;

    /// <summary>
    /// True when the next challenge should carry stale=true: the user knows the password and only
    /// the nonce must be renewed (<see cref="DigestVerificationResult.Stale"/>, <see cref="DigestVerificationResult.Replay"/>).
    /// </summary>
    public bool ShouldChallengeStale => Result is DigestVerificationResult.Stale or DigestVerificationResult.Replay;

    /// <summary>
    /// True for the results that suggest guessing or forgery and should feed
    /// <see cref="AuthFailureThrottle.RecordFailure"/>: wrong response, unknown user, bad nonce.
    /// </summary>
    public bool IsCredentialFailure =>
        Result is DigestVerificationResult.WrongResponse or DigestVerificationResult.UnknownUser or DigestVerificationResult.BadNonce;
}
