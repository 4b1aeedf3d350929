using CallService.Records;
using Microsoft.Extensions.Logging;

namespace CallService.Engine;

/// <summary>
/// Writes one call's record: inserted when the call starts, then updated with the latest snapshot at
/// every state change. Writes for a call never overlap and never reorder; when changes come faster than
/// the store commits, only the newest snapshot is written (each is complete), so nothing is lost.
/// </summary>
internal sealed partial class RecordKeeper(ICallRecordStore store, ILogger logger)
{
    private readonly Lock _gate = new();
    private CallRecord? _pending;
    private Task _running = Task.CompletedTask;
    private bool _busy;
    private long _id;

    public long Id => Interlocked.Read(ref _id);

    /// <summary>Completes when everything submitted so far is committed (or failed and logged).</summary>
    public Task Drained
    {
        get { lock (_gate) { return _running; } }
    }

    public void Submit(CallRecord record)
    {
        lock (_gate)
        {
            _pending = record;
            if (_busy)
            {
                return;
            }
            _busy = true;
            _running = Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            CallRecord? next;
            lock (_gate)
            {
                next = _pending;
                _pending = null;
                if (next is null)
                {
                    _busy = false;
                    return;
                }
            }
            try
            {
                if (_id == 0)
                {
                    Interlocked.Exchange(ref _id, await store.InsertAsync(next, CancellationToken.None).ConfigureAwait(false));
                }
                else
                {
                    await store.UpdateAsync(next with { Id = _id }, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                LogWriteFailed(logger, next.CallId, ex);
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "Writing the record of call {CallId} failed")]
    private static partial void LogWriteFailed(ILogger logger, string callId, Exception ex);
}
