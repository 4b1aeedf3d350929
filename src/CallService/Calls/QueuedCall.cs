namespace CallService.Calls;

/// <summary>A caller in the <see cref="CallQueue"/> and when it joined.</summary>
public sealed record QueuedCall(Call Call, DateTimeOffset EnqueuedAt);
