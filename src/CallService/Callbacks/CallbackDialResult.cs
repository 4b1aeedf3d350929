namespace CallService.Callbacks;

/// <summary>Whether <see cref="ICallbackDialer.DialAsync"/> got the attempt under way.</summary>
/// <param name="IsStarted">True when the call is being placed.</param>
/// <param name="Reason">Why it could not begin (e.g. "agent alice is not registered"); null when started.</param>
public sealed record CallbackDialResult(bool IsStarted, string? Reason)
{
    /// <summary>The attempt is under way; its end is reported through the store.</summary>
    public static CallbackDialResult Started { get; } = new(true, null);

    /// <summary>The attempt could not begin, for <paramref name="reason"/>.</summary>
    public static CallbackDialResult Refused(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new CallbackDialResult(false, reason);
    }
}
