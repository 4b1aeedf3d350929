using Microsoft.Extensions.Logging;
using Npgsql;

namespace CallService.Records;

/// <summary>
/// The PostgreSQL store's writer (<see cref="BatchedRecordWriter{TOperation}"/>): each batch one
/// transaction sent as one NpgsqlBatch (up to MaxBatchSize statements, one round trip).
/// <para>
/// Connections come from the store's pooled data source, one per batch, so a connection the server
/// dropped (restart, failover, pg_terminate_backend) is replaced by the next batch rather than
/// poisoning the writer. A batch that failed on a transient error before its COMMIT was sent is
/// written once more on fresh connections; one that failed while committing is in doubt and fails.
/// </para>
/// </summary>
internal sealed class PostgresRecordWriter : BatchedRecordWriter<PostgresWriteOperation>
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _node;

    public PostgresRecordWriter(NpgsqlDataSource dataSource, string node, PostgresCallRecordStoreOptions options, ILogger logger)
        : base(nameof(PostgresCallRecordStore), options.QueueCapacity, options.MaxBatchSize, logger)
    {
        _dataSource = dataSource;
        _node = node;
        Start();
    }

    protected override Task<Exception?> TryCommitAsync(IReadOnlyList<PostgresWriteOperation> operations) =>
        TryCommitWithRetryAsync(operations);

    // A failure of the database itself (unreachable, in-doubt commit) is shared by every write of the batch.
    protected override bool FailsEveryWrite(Exception error) => !IsOwnedByOneWrite(error);

    /// <summary>
    /// An error one statement caused (a constraint, bad data, an unknown id), as opposed to one of
    /// the connection or the server, which every statement of the batch would meet alike.
    /// </summary>
    private static bool IsOwnedByOneWrite(Exception error) => error switch
    {
        KeyNotFoundException => true,
        // SQLSTATE classes 08 (connection), 53 (insufficient resources), 57 (operator intervention:
        // shutdown, terminated session, cancelled statement) and 58 (system error) are the server's.
        PostgresException e => !(e.SqlState.StartsWith("08", StringComparison.Ordinal)
            || e.SqlState.StartsWith("53", StringComparison.Ordinal)
            || e.SqlState.StartsWith("57", StringComparison.Ordinal)
            || e.SqlState.StartsWith("58", StringComparison.Ordinal)),
        _ => false,
    };

    private async Task<Exception?> TryCommitWithRetryAsync(IReadOnlyList<PostgresWriteOperation> operations)
    {
        var (error, commitSent) = await TryCommitOnceAsync(operations).ConfigureAwait(false);
        if (error is NpgsqlException { IsTransient: true } && !commitSent)
        {
            // Nothing was committed (COMMIT was never sent), so writing again cannot write twice.
            // The pool may hold more connections the server dropped: start from fresh ones.
            PostgresCallRecordStoreLog.RetryingBatch(Logger, operations.Count, error);
            if (IsLostConnection(error))
            {
                _dataSource.Clear();
            }
            (error, _) = await TryCommitOnceAsync(operations).ConfigureAwait(false);
        }
        return error;
    }

    /// <summary>The session is gone: a network failure, or the server ended it (57P01 shutdown or terminated, class 08).</summary>
    private static bool IsLostConnection(Exception error) => error switch
    {
        PostgresException e => e.SqlState.StartsWith("57P", StringComparison.Ordinal) || e.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException => true,
        _ => false,
    };

    /// <summary>Runs the operations in one transaction; null when committed, else the error (rolled back).</summary>
    private async Task<(Exception? Error, bool CommitSent)> TryCommitOnceAsync(IReadOnlyList<PostgresWriteOperation> operations)
    {
        NpgsqlConnection? connection = null;
        NpgsqlTransaction? transaction = null;
        var commitSent = false;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                foreach (var operation in operations)
                {
                    batch.BatchCommands.Add(operation.CreateCommand(_node));
                }
                await ExecuteAsync(batch, operations).ConfigureAwait(false);
            }
            commitSent = true;
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return (null, true);
        }
        catch (Exception ex)
        {
            if (!commitSent)
            {
                await RollbackAsync(transaction).ConfigureAwait(false);
            }
            return (ex, commitSent);
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends the batch and lets each operation read its own result set, in order.</summary>
    private static async Task ExecuteAsync(NpgsqlBatch batch, IReadOnlyList<PostgresWriteOperation> operations)
    {
        var reader = await batch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        Exception? failure = null;
        try
        {
            for (var i = 0; i < operations.Count; i++)
            {
                if (i > 0 && !await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"The batch of {operations.Count} call record writes returned {i} results.");
                }
                await operations[i].ReadResultAsync(reader, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            try
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception) when (failure is not null)
            {
                // Closing the reader reads the rest of the batch, which may fail in turn; the first
                // failure is the one to report.
            }
        }
    }

    private static async Task RollbackAsync(NpgsqlTransaction? transaction)
    {
        if (transaction is null)
        {
            return;
        }
        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A broken connection cannot roll back, and needs not: the server drops the transaction
            // with the session. A pooled connection is reset before it is handed out again.
        }
    }
}
