using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CallService.Records;

/// <summary>
/// The one writer of a call record store: a channel of operations consumed by one task. Whatever is
/// pending when the writer comes round goes into one transaction (up to MaxBatchSize), so at 2,500
/// writes/s the database commits per batch, not per write. An operation's Task completes after the
/// commit that holds it. A failed batch is written again one operation per transaction, so only the
/// faulty operations fail; the loop itself never stops on an error. How a batch is committed is the
/// store's (<see cref="TryCommitAsync"/>).
/// </summary>
internal abstract class BatchedRecordWriter<TOperation> : IAsyncDisposable
    where TOperation : RecordWriteOperation
{
    private readonly string _storeName;
    private readonly int _maxBatchSize;
    private readonly Channel<TOperation> _queue;
    private Task _loop = Task.CompletedTask;

    /// <param name="storeName">The store's type name, for the error of a write queued while it closes.</param>
    protected BatchedRecordWriter(string storeName, int queueCapacity, int maxBatchSize, ILogger logger)
    {
        _storeName = storeName;
        _maxBatchSize = maxBatchSize;
        Logger = logger;
        _queue = Channel.CreateBounded<TOperation>(new BoundedChannelOptions(queueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    protected ILogger Logger { get; }

    /// <summary>Writes queued and not yet taken by the writer.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Queues a write (waiting for room when the queue is full). Throws <see cref="ObjectDisposedException"/> once closing.</summary>
    public async ValueTask EnqueueAsync(TOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(_storeName, "The call record store is closing; the write was not queued.");
        }
    }

    /// <summary>Stops taking writes, commits every queued one, then returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        OnDrained();
    }

    /// <summary>Starts the writing loop: the last step of the derived constructor, once its own state is set.</summary>
    protected void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Runs the operations in one transaction; null when committed, else the error (rolled back).</summary>
    protected abstract Task<Exception?> TryCommitAsync(IReadOnlyList<TOperation> operations);

    /// <summary>
    /// True when <paramref name="error"/> is the database's own (unreachable, an in-doubt commit)
    /// rather than one statement's: every write of the batch shares it, and writing them one by one
    /// would only wait longer.
    /// </summary>
    protected virtual bool FailsEveryWrite(Exception error) => false;

    /// <summary>Every queued write is done and the loop has ended.</summary>
    protected virtual void OnDrained()
    {
    }

    private async Task RunAsync()
    {
        var batch = new List<TOperation>(Math.Min(_maxBatchSize, 1024));
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
                RecordWriterLog.WriterFault(Logger, ex);
                foreach (var operation in batch)
                {
                    operation.Fail(ex);
                }
            }
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<TOperation> batch)
    {
        var error = await TryCommitAsync(batch).ConfigureAwait(false);
        if (error is null)
        {
            foreach (var operation in batch)
            {
                operation.Complete();
            }
            return;
        }
        if (batch.Count == 1 || FailsEveryWrite(error))
        {
            foreach (var operation in batch)
            {
                Fail(operation, error);
            }
            return;
        }

        // The whole transaction is gone because one statement failed (or the commit did): write each
        // operation alone so that only the faulty ones fail.
        RecordWriterLog.BatchFailed(Logger, batch.Count, error);
        foreach (var operation in batch)
        {
            var single = await TryCommitAsync([operation]).ConfigureAwait(false);
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

    private void Fail(TOperation operation, Exception error)
    {
        RecordWriterLog.WriteFailed(Logger, operation.Kind, operation.CallId, operation.RecordId, error);
        operation.Fail(error);
    }
}
