using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CallService.Records;

/// <summary>
/// The one writer of a node's call records: a channel of operations consumed by one task. Whatever is
/// pending when the writer comes round goes into one transaction sent as one batch (up to
/// MaxBatchSize statements, one round trip), so at 2,500 writes/s the server commits per batch, not per
/// write. An operation's Task completes after the commit that holds it. A failed batch is written
/// again one operation per transaction, so only the faulty operations fail; the loop itself never
/// stops on an error.
/// <para>
/// Connections come from the store's pooled data source, one per batch, so a connection the server
/// dropped (restart, failover, pg_terminate_backend) is replaced by the next batch rather than
/// poisoning the writer. A batch that failed on a transient error before its COMMIT was sent is
/// written once more on fresh connections; one that failed while committing is in doubt and fails.
/// </para>
/// </summary>
internal sealed class PostgresRecordWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _node;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly Channel<PostgresWriteOperation> _queue;
    private readonly Task _loop;

    public PostgresRecordWriter(NpgsqlDataSource dataSource, string node, PostgresCallRecordStoreOptions options, ILogger logger)
    {
        _dataSource = dataSource;
        _node = node;
        _logger = logger;
        _maxBatchSize = options.MaxBatchSize;
        _queue = Channel.CreateBounded<PostgresWriteOperation>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Writes queued and not yet taken by the writer.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Queues a write (waiting for room when the queue is full). Throws <see cref="ObjectDisposedException"/> once closing.</summary>
    public async ValueTask EnqueueAsync(PostgresWriteOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(PostgresCallRecordStore), "The call record store is closing; the write was not queued.");
        }
    }

    /// <summary>Stops taking writes, commits every queued one, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PostgresWriteOperation>(Math.Min(_maxBatchSize, 1024));
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var operation))
            {
                if (operation.CancellationToken.IsCancellationRequested)
                {
                    operation.Cancel();
                }
                else
                {
                    batch.Add(operation);
                }
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Not expected (WriteBatchAsync handles database errors), but the writer must outlive it.
                PostgresCallRecordStoreLog.WriterFault(_logger, ex);
                foreach (var operation in batch)
                {
                    operation.Fail(ex);
                }
            }
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<PostgresWriteOperation> batch)
    {
        var error = await TryCommitWithRetryAsync(batch).ConfigureAwait(false);
        if (error is null)
        {
            foreach (var operation in batch)
            {
                operation.Complete();
            }
            return;
        }
        if (batch.Count == 1 || !IsOwnedByOneWrite(error))
        {
            // One write, or a failure of the database itself (unreachable, in-doubt commit): every
            // write of the batch shares it, and writing them one by one would only wait longer.
            foreach (var operation in batch)
            {
                Fail(operation, error);
            }
            return;
        }

        // The whole transaction is gone because one statement failed: write each operation alone so
        // that only the faulty ones fail.
        PostgresCallRecordStoreLog.BatchFailed(_logger, batch.Count, error);
        foreach (var operation in batch)
        {
            var single = await TryCommitWithRetryAsync([operation]).ConfigureAwait(false);
            if (single is null)
            {
                operation.Complete();
            }
            else
            {
                Fail(operation, single);
            }
        }
    }

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
        var (error, commitSent) = await TryCommitAsync(operations).ConfigureAwait(false);
        if (error is NpgsqlException { IsTransient: true } && !commitSent)
        {
            // Nothing was committed (COMMIT was never sent), so writing again cannot write twice.
            // The pool may hold more connections the server dropped: start from fresh ones.
            PostgresCallRecordStoreLog.RetryingBatch(_logger, operations.Count, error);
            if (IsLostConnection(error))
            {
                _dataSource.Clear();
            }
            (error, _) = await TryCommitAsync(operations).ConfigureAwait(false);
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
    private async Task<(Exception? Error, bool CommitSent)> TryCommitAsync(IReadOnlyList<PostgresWriteOperation> operations)
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

    private void Fail(PostgresWriteOperation operation, Exception error)
    {
        PostgresCallRecordStoreLog.WriteFailed(_logger, operation.Kind, operation.CallId, operation.RecordId, error);
        operation.Fail(error);
    }
}
