namespace CallService.Sip.Registrar;

/// <summary>A snapshot of an <see cref="OutboundRegistration"/>.</summary>
/// <param name="State">Where it stands.</param>
/// <param name="LastStatusCode">The status of the last final response (408 for a timeout, 503 for a transport failure), or null before any.</param>
/// <param name="LastReason">The reason phrase or why the attempt failed, or null.</param>
/// <param name="ExpiresAt">When the last accepted binding lapses, or null when none is known to exist.</param>
/// <param name="NextAttemptAt">When the next REGISTER (refresh or retry) goes out, or null.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last success.</param>
/// <param name="RequestsSent">REGISTER requests sent so far (challenged ones and retries included).</param>
public sealed record OutboundRegistrationStatus(
    OutboundRegistrationState State,
    int? LastStatusCode,
    string? LastReason,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? NextAttemptAt,
    int ConsecutiveFailures,
    long RequestsSent);
