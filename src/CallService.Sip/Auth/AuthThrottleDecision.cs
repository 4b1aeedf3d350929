namespace CallService.Sip.Auth;

/// <summary>What to do with a request from a source, according to <see cref="AuthFailureThrottle.Check"/>.</summary>
public enum AuthThrottleDecision
{
    /// <summary>The source is not blocked: process (challenge, verify) as usual.</summary>
    Answer,

    /// <summary>
    /// The source is blocked and has not been told yet: answer 403 Forbidden once, so a phone with
    /// a wrong password shows an error instead of retrying blindly.
    /// </summary>
    Forbid,

    /// <summary>The source is blocked and was already told: drop silently, so a flood earns no replies.</summary>
    Drop,
}
