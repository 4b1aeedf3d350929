using Microsoft.Extensions.Logging;

namespace CallService.Web.Desk;

/// <summary>The agent desk's structured log events (71xx).</summary>
internal static partial class DeskLog
{
    // The request's text is the caller's business: the log says how long it is, the record holds it.
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Call {CallId} (record {RecordId}, line {Line}): notes saved by {By}: surname {Surname}, honorific {Honorific}, request of {RequestLength} characters")]
    public static partial void NotesSaved(ILogger logger, string callId, long recordId, string line, string by, string? surname, string? honorific, int requestLength);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Call {CallId}: notes refused ({Fields})")]
    public static partial void NotesRefused(ILogger logger, string callId, string fields);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Call {CallId} from {Caller}: reading the caller's earlier calls failed")]
    public static partial void HistoryFailed(ILogger logger, string callId, string caller, Exception ex);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Debug, Message = "Desk event stream opened for {Viewer} with {Calls} calls")]
    public static partial void StreamOpened(ILogger logger, string viewer, int calls);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Debug, Message = "Desk event stream for {Viewer} ended: {Reason}")]
    public static partial void StreamEnded(ILogger logger, string viewer, string reason);
}
