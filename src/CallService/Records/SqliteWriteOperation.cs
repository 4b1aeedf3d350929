using Microsoft.Data.Sqlite;

namespace CallService.Records;

/// <summary>A write of the SQLite store: a statement run on the writer's connection and transaction.</summary>
internal abstract class SqliteWriteOperation(string kind, string? callId, long recordId, CancellationToken cancellationToken)
    : RecordWriteOperation(kind, callId, recordId, cancellationToken)
{
    /// <summary>Runs the statement; the result is kept until <see cref="RecordWriteOperation.Complete"/>.</summary>
    public abstract void Execute(SqliteWriteCommands commands, SqliteTransaction transaction);
}

/// <summary>A write whose caller waits for a result of type <typeparamref name="T"/>.</summary>
internal abstract class SqliteWriteOperation<T>(string kind, string? callId, long recordId, CancellationToken cancellationToken)
    : SqliteWriteOperation(kind, callId, recordId, cancellationToken)
{
    // Continuations run off the writer's thread: a slow caller must not stall every other write.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private T _result = default!;

    public Task<T> Task => _completion.Task;

    public sealed override void Execute(SqliteWriteCommands commands, SqliteTransaction transaction) =>
        _result = Run(commands, transaction);

    public sealed override void Complete() => _completion.TrySetResult(_result);

    public sealed override void Fail(Exception error) => _completion.TrySetException(error);

    public sealed override void Cancel() => _completion.TrySetCanceled(CancellationToken);

    protected abstract T Run(SqliteWriteCommands commands, SqliteTransaction transaction);
}

internal sealed class SqliteInsertOperation(CallRecord record, CancellationToken cancellationToken)
    : SqliteWriteOperation<long>("insert", record.CallId, 0, cancellationToken)
{
    protected override long Run(SqliteWriteCommands commands, SqliteTransaction transaction) =>
        commands.Insert(transaction, record);
}

internal sealed class SqliteUpdateOperation(CallRecord record, CancellationToken cancellationToken)
    : SqliteWriteOperation<bool>("update", record.CallId, record.Id, cancellationToken)
{
    protected override bool Run(SqliteWriteCommands commands, SqliteTransaction transaction) =>
        commands.Update(transaction, record) ? true : throw NotFound(record.Id);
}

internal sealed class SqliteUpdateNotesOperation(
    long id, string? surname, string? honorific, string? request, CancellationToken cancellationToken)
    : SqliteWriteOperation<bool>("notes", null, id, cancellationToken)
{
    protected override bool Run(SqliteWriteCommands commands, SqliteTransaction transaction) =>
        commands.UpdateNotes(transaction, RecordId, surname, honorific, request) ? true : throw NotFound(RecordId);
}
