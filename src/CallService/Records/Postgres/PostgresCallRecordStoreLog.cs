using Microsoft.Extensions.Logging;

namespace CallService.Records;

/// <summary>The PostgreSQL store's log events (42xx), with the call id as a property where there is one.</summary>
internal static partial class PostgresCallRecordStoreLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Call record database {Database} migrated to schema version {Version}")]
    public static partial void Migrated(ILogger logger, string database, int version);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Closed {Count} call records left open by the previous run of node {Node} as interrupted")]
    public static partial void ClosedInterrupted(ILogger logger, int count, string node);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information, Message = "Waiting for another node to finish migrating the call record database {Database}")]
    public static partial void WaitingForMigrationLock(ILogger logger, string database);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Information, Message = "Call record database {Database} closed after draining the writes of node {Node}")]
    public static partial void Closed(ILogger logger, string database, string node);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Warning, Message = "A batch of {Count} call record writes met a transient failure before its commit; writing it again")]
    public static partial void RetryingBatch(ILogger logger, int count, Exception error);
}
