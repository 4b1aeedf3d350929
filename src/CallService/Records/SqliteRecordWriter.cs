using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CallService.Records;

/// <summary>
/// The SQLite store's writer (<see cref="BatchedRecordWriter{TOperation}"/>): one connection, each
/// batch one BEGIN IMMEDIATE transaction, so the disk syncs per batch, not per write.
/// </summary>
internal sealed class SqliteRecordWriter : BatchedRecordWriter<SqliteWriteOperation>
{
    private readonly SqliteConnection _connection;
    private readonly SqliteWriteCommands _commands;

    public SqliteRecordWriter(SqliteConnection connection, SqliteCallRecordStoreOptions options, ILogger logger)
        : base(nameof(SqliteCallRecordStore), options.QueueCapacity, options.MaxBatchSize, logger)
    {
        _connection = connection;
        _commands = new SqliteWriteCommands(connection);
        Start();
    }

    protected override void OnDrained() => _commands.Dispose();

    protected override Task<Exception?> TryCommitAsync(IReadOnlyList<SqliteWriteOperation> operations) =>
        Task.FromResult(TryCommit(operations));

    /// <summary>Runs the operations in one transaction; null when committed, else the error (rolled back).</summary>
    private Exception? TryCommit(IReadOnlyList<SqliteWriteOperation> operations)
    {
        SqliteTransaction? transaction = null;
        try
        {
            // Microsoft.Data.Sqlite begins non-deferred transactions as BEGIN IMMEDIATE: the write
            // lock is taken up front, and busy_timeout applies to taking it.
            transaction = _connection.BeginTransaction(deferred: false);
            foreach (var operation in operations)
            {
                operation.Execute(_commands, transaction);
            }
            transaction.Commit();
            return null;
        }
        catch (Exception ex)
        {
            Rollback(transaction);
            return ex;
        }
        finally
        {
            transaction?.Dispose();
        }
    }

    private void Rollback(SqliteTransaction? transaction)
    {
        try
        {
            transaction?.Rollback();
        }
        catch (Exception)
        {
            // SQLite rolls back by itself on some errors (SQLITE_FULL, SQLITE_IOERR...); a second
            // rollback then fails and is of no interest. What matters is checked below.
        }
        if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
        {
            // Still inside a transaction: the next BEGIN would fail, so end it by hand.
            using var command = _connection.CreateCommand();
            command.CommandText = "ROLLBACK;";
            command.ExecuteNonQuery();
        }
    }
}
