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

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information, Message = "Call record database {DataSource} closed after draining its writes")]
    public static partial void Closed(ILogger logger, string dataSource);
}
