using Microsoft.Data.Sqlite;

namespace CallService.Records;

/// <summary>Tuning of <see cref="SqliteCallRecordStore"/>; the defaults suit a launch day (~2,500 writes/s).</summary>
public sealed record SqliteCallRecordStoreOptions
{
    /// <summary>How long a statement waits for a lock held by another connection (PRAGMA busy_timeout).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this many pending writes share one transaction.</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Writes waiting for the writer; beyond this, callers wait for room (back-pressure).</summary>
    public int QueueCapacity { get; init; } = 100_000;

    /// <summary>Test seam: sees the writer's connection once it is open and configured.</summary>
    internal Action<SqliteConnection>? WriterConnectionOpened { get; init; }

    internal void Validate()
    {
        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, "BusyTimeout must be between 0 and 10 minutes.");
        }
        if (MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "MaxBatchSize must be at least 1.");
        }
        if (QueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "QueueCapacity must be at least 1.");
        }
    }
}
