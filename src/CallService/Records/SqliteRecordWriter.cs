using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CallService.Records;

/// <summary>
/// The one writer of the call record database: a channel of operations consumed by one task on one
/// connection. Whatever is pending when the writer comes round goes into one transaction (up to
/// MaxBatchSize), so at 2,500 writes/s the disk syncs per batch, not per write. An operation's Task
/// completes after the commit that holds it. A failed batch is written again one operation per
/// transaction, so only the faulty operations fail; the loop itself never stops on an error.
/// </summary>
internal sealed class SqliteRecordWriter : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteWriteCommands _commands;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly Channel<SqliteWriteOperation> _queue;
    private readonly Task _loop;

    public SqliteRecordWriter(SqliteConnection connection, SqliteCallRecordStoreOptions options, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
        _maxBatchSize = options.MaxBatchSize;
        _commands = new SqliteWriteCommands(connection);
        _queue = Channel.CreateBounded<SqliteWriteOperation>(new BoundedChannelOptions(options.QueueCapacity)
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
    public async ValueTask EnqueueAsync(SqliteWriteOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqliteCallRecordStore), "The call record store is closing; the write was not queued.");
        }
    }

    /// <summary>Stops taking writes, commits every queued one, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _commands.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<SqliteWriteOperation>(Math.Min(_maxBatchSize, 1024));
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
                WriteBatch(batch);
            }
            catch (Exception ex)
            {
                // Not expected (WriteBatch handles database errors), but the writer must outlive it.
                SqliteCallRecordStoreLog.WriterFault(_logger, ex);
                foreach (var operation in batch)
                {
                    operation.Fail(ex);
                }
            }
            batch.Clear();
        }
    }

    private void WriteBatch(List<SqliteWriteOperation> batch)
    {
        var error = TryCommit(batch);
        if (error is null)
        {
            foreach (var operation in batch)
            {
                operation.Complete();
            }
            return;
        }
        if (batch.Count == 1)
        {
            Fail(batch[0], error);
            return;
        }

        // The whole transaction is gone (one statement failed, or the commit did): write each
        // operation alone so that only the faulty ones fail.
        SqliteCallRecordStoreLog.BatchFailed(_logger, batch.Count, error);
        foreach (var operation in batch)
        {
            var single = TryCommit([operation]);
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

    private void Fail(SqliteWriteOperation operation, Exception error)
    {
        SqliteCallRecordStoreLog.WriteFailed(_logger, operation.Kind, operation.CallId, operation.RecordId, error);
        operation.Fail(error);
    }
}
