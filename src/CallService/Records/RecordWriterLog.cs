using Microsoft.Extensions.Logging;

namespace CallService.Records;

/// <summary>The log events of a call record store's writer (either store), with the call id as a property where there is one.</summary>
internal static partial class RecordWriterLog
{
    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "Writing the call record ({Kind}) of call {CallId}, record {RecordId}, failed")]
    public static partial void WriteFailed(ILogger logger, string kind, string? callId, long recordId, Exception error);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "A batch of {Count} call record writes failed; writing them one by one")]
    public static partial void BatchFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Critical, Message = "The call record writer failed unexpectedly; it goes on with the next writes")]
    public static partial void WriterFault(ILogger logger, Exception error);
}
