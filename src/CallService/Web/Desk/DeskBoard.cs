using CallService.Calls;
using CallService.Engine;
using CallService.Records;
using Microsoft.Extensions.Logging;

namespace CallService.Web.Desk;

/// <summary>
/// The desk's live picture: every call in progress (from <see cref="ILiveCalls"/>), what the records
/// know of each caller, the notes saved during the call, and the open event streams.
/// </summary>
/// <remarks>
/// <para>The engine's handler only updates a dictionary and queues events under one lock; the caller
/// history is read from the records on the thread pool and published when it arrives, so the SIP path
/// never waits on the database.</para>
/// <para>While a call rings, a timer on the host's <see cref="TimeProvider"/> publishes a "ring" event
/// at each ring start of the line's cadence, counted from the engine's ring start.</para>
/// <para><see cref="Subscribe"/> takes the snapshot and registers the stream under the same lock, so a
/// stream misses no change and sees none twice.</para>
/// </remarks>
public sealed class DeskBoard : IDisposable
{
    private readonly ILiveCalls _source;
    private readonly ICallRecordStore? _records;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _calls = new(StringComparer.Ordinal);
    private readonly List<DeskSubscription> _subscribers = [];
    private readonly CancellationTokenSource _closing = new();
    private long _sequence;
    private bool _disposed;

    public DeskBoard(ILiveCalls source, ICallRecordStore? records, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _source = source;
        _records = records;
        _time = time;
        _logger = logger;
        // Subscribe first, then read what is already going on: a change in between is seen twice at
        // worst, and the version check keeps the newer.
        _source.CallChanged += OnCallChanged;
        foreach (LiveCall call in _source.LiveCalls())
        {
            OnCallChanged(call);
        }
    }

    /// <summary>The number of open event streams.</summary>
    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>The calls in progress that <paramref name="scope"/> may see, oldest first.</summary>
    public IReadOnlyList<DeskCall> Calls(DeskScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        lock (_gate)
        {
            return VisibleLocked(scope, _time.GetUtcNow());
        }
    }

    /// <summary>A new event stream for <paramref name="scope"/> and the calls it starts from.</summary>
    public DeskSubscription Subscribe(DeskScope scope, out IReadOnlyList<DeskCall> snapshot)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var subscription = new DeskSubscription(scope);
        lock (_gate)
        {
            snapshot = VisibleLocked(scope, _time.GetUtcNow());
            if (_disposed)
            {
                subscription.Close();
            }
            else
            {
                _subscribers.Add(subscription);
            }
        }
        return subscription;
    }

    public void Unsubscribe(DeskSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }

    /// <summary>The desk saved notes on <paramref name="callId"/>: streams showing the call see them.</summary>
    public void NotesSaved(string callId, CallNotes notes)
    {
        lock (_gate)
        {
            if (_calls.TryGetValue(callId, out Entry? entry))
            {
                entry.Notes = notes;
                PublishCallLocked(entry);
            }
        }
    }

    private void OnCallChanged(LiveCall call)
    {
        bool lookUp = false;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            if (!_calls.TryGetValue(call.CallId, out Entry? entry))
            {
                if (call.State == CallState.Ended)
                {
                    return; // ended before the board knew it
                }
                entry = new Entry(call);
                _calls[call.CallId] = entry;
                lookUp = _records is not null;
            }
            else if (call.Version < entry.Live.Version)
            {
                return; // an older view arriving late
            }
            entry.Live = call;
            if (call.State == CallState.Ended)
            {
                entry.StopRinging();
                _calls.Remove(call.CallId);
                PublishLocked("ended", new DeskEnded(call.CallId, call.Line.Number, _time.GetUtcNow()), call.Line.Number);
                return;
            }
            PublishCallLocked(entry);
            if (call.State == CallState.Ringing)
            {
                entry.Ringing ??= ArmRingTimerLocked(entry);
            }
            else
            {
                entry.StopRinging();
            }
        }
        if (lookUp)
        {
            _ = Task.Run(() => LookUpHistoryAsync(call));
        }
    }

    private async Task LookUpHistoryAsync(LiveCall call)
    {
        CallerHistory? history;
        try
        {
            history = await CallerHistoryLookup.FindAsync(_records!, call.CallerNumber, call.CallId, _closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The history is a help for the agent: the call goes on without it.
            DeskLog.HistoryFailed(_logger, call.CallId, call.CallerNumber, ex);
            return;
        }
        if (history is null)
        {
            return;
        }
        lock (_gate)
        {
            if (_calls.TryGetValue(call.CallId, out Entry? entry))
            {
                entry.History = history;
                PublishCallLocked(entry);
            }
        }
    }

    private ITimer ArmRingTimerLocked(Entry entry)
    {
        ITimer timer = _time.CreateTimer(static state =>
        {
            var (board, callId) = ((DeskBoard, string))state!;
            board.OnRingTimer(callId);
        }, (this, entry.Live.CallId), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(UntilNextRing(entry.Live), Timeout.InfiniteTimeSpan);
        return timer;
    }

    private void OnRingTimer(string callId)
    {
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out Entry? entry) || entry.Ringing is not { } timer || entry.Live.State != CallState.Ringing)
            {
                return;
            }
            DateTimeOffset now = _time.GetUtcNow();
            int ring = DeskCall.RingAt(entry.Live, now) ?? 1;
            if (ring > entry.LastRing)
            {
                entry.LastRing = ring;
                PublishLocked("ring", new DeskRing(callId, ring, now), entry.Live.Line.Number);
            }
            timer.Change(UntilNextRing(entry.Live), Timeout.InfiniteTimeSpan);
        }
    }

    // The next ring starts at a whole number of cadence periods after the engine's ring start.
    private TimeSpan UntilNextRing(LiveCall call)
    {
        TimeSpan period = call.Line.Cadence.Period;
        TimeSpan elapsed = _time.GetUtcNow() - (call.Record.RingStartedAt ?? _time.GetUtcNow());
        if (elapsed < TimeSpan.Zero)
        {
            return -elapsed;
        }
        long next = (elapsed.Ticks / period.Ticks) + 1;
        return TimeSpan.FromTicks((next * period.Ticks) - elapsed.Ticks);
    }

    private IReadOnlyList<DeskCall> VisibleLocked(DeskScope scope, DateTimeOffset now) =>
        [.. _calls.Values
            .Where(e => scope.Sees(e.Live.Line.Number))
            .OrderBy(e => e.Live.Record.StartedAt)
            .Select(e => DeskCall.From(e.Live, now, e.History, e.Notes))];

    private void PublishCallLocked(Entry entry)
    {
        DeskCall view = DeskCall.From(entry.Live, _time.GetUtcNow(), entry.History, entry.Notes);
        if (view.Ring is { } ring && ring > entry.LastRing)
        {
            entry.LastRing = ring;
        }
        PublishLocked("call", view, entry.Live.Line.Number);
    }

    private void PublishLocked(string name, object data, string line)
    {
        var deskEvent = new DeskEvent(name, data, line, ++_sequence);
        foreach (DeskSubscription subscriber in _subscribers)
        {
            subscriber.Offer(deskEvent);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _source.CallChanged -= OnCallChanged;
            foreach (Entry entry in _calls.Values)
            {
                entry.StopRinging();
            }
            foreach (DeskSubscription subscriber in _subscribers)
            {
                subscriber.Close();
            }
            _subscribers.Clear();
        }
        _closing.Cancel();
        _closing.Dispose();
    }

    private sealed class Entry(LiveCall live)
    {
        public LiveCall Live { get; set; } = live;

        public CallerHistory? History { get; set; }

        public CallNotes? Notes { get; set; }

        public ITimer? Ringing { get; set; }

        public int LastRing { get; set; }

        public void StopRinging()
        {
            Ringing?.Dispose();
            Ringing = null;
        }
    }
}
