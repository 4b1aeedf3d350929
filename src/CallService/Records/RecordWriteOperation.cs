namespace CallService.Records;

/// <summary>
/// One queued write of a call record store. The store's writer runs it inside a batch transaction
/// and only after the commit completes its Task; a write that failed faults its Task (the caller
/// sees the exception). How it runs is the store's (<see cref="SqliteWriteOperation"/>,
/// <see cref="PostgresWriteOperation"/>).
/// </summary>
internal abstract class RecordWriteOperation(string kind, string? callId, long recordId, CancellationToken cancellationToken)
{
    /// <summary>"insert", "update" or "notes", for the log.</summary>
    public string Kind { get; } = kind;

    public string? CallId { get; } = callId;

    public long RecordId { get; } = recordId;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The transaction holding this write committed.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception error);

    /// <summary>Cancelled before the writer began it: nothing was written.</summary>
    public abstract void Cancel();

    protected static KeyNotFoundException NotFound(long id) => new($"No call record has id {id}.");
}
