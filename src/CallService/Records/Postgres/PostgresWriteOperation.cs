using Npgsql;

namespace CallService.Records;

/// <summary>
/// A write of the PostgreSQL store: one statement in the writer's batch, whose result set (RETURNING id)
/// says what it did.
/// </summary>
internal abstract class PostgresWriteOperation(string kind, string? callId, long recordId, CancellationToken cancellationToken)
    : RecordWriteOperation(kind, callId, recordId, cancellationToken)
{
    /// <summary>The statement, for a batch written by the node <paramref name="node"/>.</summary>
    public abstract NpgsqlBatchCommand CreateCommand(string node);

    /// <summary>Reads this statement's result set (the reader stands on it); the result is kept until <see cref="RecordWriteOperation.Complete"/>.</summary>
    public abstract Task ReadResultAsync(NpgsqlDataReader reader, CancellationToken cancellationToken);

    /// <summary>The id the statement returned, or null when it touched no row.</summary>
    protected static async Task<long?> ReturnedIdAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : null;
}

/// <summary>A write whose caller waits for a result of type <typeparamref name="T"/>.</summary>
internal abstract class PostgresWriteOperation<T>(string kind, string? callId, long recordId, CancellationToken cancellationToken)
    : PostgresWriteOperation(kind, callId, recordId, cancellationToken)
{
    // Continuations run off the writer's task: a slow caller must not stall every other write.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private T _result = default!;

    public Task<T> Task => _completion.Task;

    public sealed override async Task ReadResultAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        _result = Result(await ReturnedIdAsync(reader, cancellationToken).ConfigureAwait(false));

    public sealed override void Complete() => _completion.TrySetResult(_result);

    public sealed override void Fail(Exception error) => _completion.TrySetException(error);

    public sealed override void Cancel() => _completion.TrySetCanceled(CancellationToken);

    /// <summary>The caller's result from the id the statement returned (null: no row); throws when the write must fail.</summary>
    protected abstract T Result(long? returnedId);
}

internal sealed class PostgresInsertOperation(CallRecord record, CancellationToken cancellationToken)
    : PostgresWriteOperation<long>("insert", record.CallId, 0, cancellationToken)
{
    public override NpgsqlBatchCommand CreateCommand(string node) => PostgresCallRecordRows.Insert(node, record);

    protected override long Result(long? returnedId) =>
        returnedId ?? throw new InvalidOperationException("The INSERT of a call record returned no id.");
}

internal sealed class PostgresUpdateOperation(CallRecord record, CancellationToken cancellationToken)
    : PostgresWriteOperation<bool>("update", record.CallId, record.Id, cancellationToken)
{
    public override NpgsqlBatchCommand CreateCommand(string node) => PostgresCallRecordRows.Update(record);

    protected override bool Result(long? returnedId) => returnedId is not null ? true : throw NotFound(RecordId);
}

internal sealed class PostgresUpdateNotesOperation(
    long id, string? surname, string? honorific, string? request, CancellationToken cancellationToken)
    : PostgresWriteOperation<bool>("notes", null, id, cancellationToken)
{
    public override NpgsqlBatchCommand CreateCommand(string node) =>
        PostgresCallRecordRows.UpdateNotes(RecordId, surname, honorific, request);

    protected override bool Result(long? returnedId) => returnedId is not null ? true : throw NotFound(RecordId);
}
