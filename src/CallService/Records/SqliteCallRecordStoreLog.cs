using Microsoft.Extensions.Logging;

namespace CallService.Records;

/// <summary>The SQLite store's log events (41xx), with the call id as a property where there is one.</summary>
internal static partial class SqliteCallRecordStoreLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Call record database {DataSource} migrated to schema version {Version}")]
    public static partial void Migrated(ILogger logger, string dataSource, int version);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Closed {Count} call records left open by the previous run as interrupted")]
    public static partial void ClosedInterrupted(ILogger logger, int count);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Call record database {DataSource} runs in journal mode {JournalMode}, not WAL")]
    public static partial void NotWal(ILogger logger, string dataSource, string journalMode);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "Writing the call record ({Kind}) of call {CallId}, record {RecordId}, failed")]
    public static partial void WriteFailed(ILogger logger, string kind, string? callId, long recordId, Exception error);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "A batch of {Count} call record writes failed; writing them one by one")]
    public static partial void BatchFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Critical, Message = "The call record writer failed unexpectedly; it goes on with the next writes")]
    public static partial void WriterFault(ILogger logger, Exception error);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "Call record database {DataSource} closed after draining its writes")]
    public static partial void Closed(ILogger logger, string dataSource);
}
