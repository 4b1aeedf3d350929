using Microsoft.Extensions.Logging;

namespace CallService.Callbacks;

/// <summary>The callback area's log events (ids 5101-5199).</summary>
internal static partial class CallbacksLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Callback store ready on {DataSource}; {Interrupted} attempts left calling by the previous run marked failed")]
    public static partial void StoreReady(ILogger logger, string dataSource, int interrupted);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Callback {CallbackId} recorded for call {CallId} from {CallerNumber} on line {Line}, due {DueAt}")]
    public static partial void Recorded(ILogger logger, long callbackId, string callId, string callerNumber, string line, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning,
        Message = "The notes of call {CallId} could not be read for its callback; it is stored without them")]
    public static partial void NotesUnavailable(ILogger logger, string callId, Exception ex);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information,
        Message = "Callback {CallbackId}: attempt {Attempt} started by {AgentId}")]
    public static partial void AttemptStarted(ILogger logger, long callbackId, int attempt, string? agentId);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning,
        Message = "Callback {CallbackId}: attempt {Attempt} could not begin: {Reason}")]
    public static partial void AttemptRefused(ILogger logger, long callbackId, int attempt, string reason);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Error,
        Message = "Callback {CallbackId}: the dialer failed to start attempt {Attempt}")]
    public static partial void DialerFailed(ILogger logger, long callbackId, int attempt, Exception ex);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Information,
        Message = "Callback {CallbackId} is now {Status} ({Result})")]
    public static partial void StatusChanged(ILogger logger, long callbackId, string status, string? result);
}
