namespace CallService.Records;

/// <summary>Tuning of <see cref="PostgresCallRecordStore"/>; the defaults suit a launch day (~2,500 writes/s per node).</summary>
public sealed record PostgresCallRecordStoreOptions
{
    /// <summary>At most this many pending writes share one transaction (and one round trip).</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Writes waiting for the writer; beyond this, callers wait for room (back-pressure).</summary>
    public int QueueCapacity { get; init; } = 100_000;

    /// <summary>Test seam: runs when the store has migrated and closed its open records, just before its writer starts.</summary>
    internal Action? WriterStarting { get; init; }

    internal void Validate()
    {
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
