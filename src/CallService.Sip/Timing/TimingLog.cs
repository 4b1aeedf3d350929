using Microsoft.Extensions.Logging;

namespace CallService.Sip.Timing;

/// <summary>Log events of the precise timers (ids 3090-3099).</summary>
internal static partial class TimingLog
{
    [LoggerMessage(EventId = 3090, Level = LogLevel.Information, Message = "Precise timer thread scheduling: {Scheduling}")]
    public static partial void ThreadScheduled(ILogger logger, string scheduling);

    [LoggerMessage(EventId = 3091, Level = LogLevel.Error, Message = "A precise timer's callback failed; the timer thread goes on")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);
}
