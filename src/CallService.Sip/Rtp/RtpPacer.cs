using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Sip.Rtp;

/// <summary>
/// The one pacing loop that sends every active stream's 20 ms frame. Deadlines are absolute on the
/// injected monotonic clock (deadline_n = start + n * interval; never "sleep 20 ms"), so error never
/// accumulates. Streams are spread over <see cref="RtpPacerOptions.Slots"/> send slots per interval.
/// A late slot is run at once and counted; when the loop falls more than
/// <see cref="RtpPacerOptions.MaxBehindFrames"/> behind it skips ahead (streams' timestamps still
/// advance) and counts the skipped frames.
/// <para>
/// Threads: <see cref="Add"/> and <see cref="Remove"/> may be called from anywhere; they enqueue a
/// command the loop applies at its next tick, so the hot path takes no lock and the stream lists
/// are owned by the loop alone. <see cref="RunOnce"/> is the loop body; tests call it with a fake
/// clock instead of <see cref="Start"/>.
/// </para>
/// </summary>
public sealed class RtpPacer : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<(RtpStream Stream, bool Add)> _commands = new();
    private readonly int _slotCount;
    private readonly long _frameTicks;
    private readonly long _slotTicks;
    private readonly long _lateTicks;
    private readonly long _maxBehindTicks;
    private readonly long _earlyTicks;
    private readonly long _spinWindowTicks;
    private readonly RtpStream[][] _slots;
    private readonly int[] _slotCounts;
    private readonly byte[] _buffer;
    private readonly int _bufferLength;

    // Loop-owned state.
    private bool _started;
    private long _start;
    private long _nextSubTick;

    // Counters: written by the loop only, read from anywhere.
    private long _framesSent;
    private long _lateFrames;
    private long _skippedFrames;
    private long _ticks;
    private long _faults;
    private long _maxLatenessTicks;
    private int _streamCount;

    private readonly Lock _lifecycle = new();
    private volatile Thread? _thread;
    private CancellationTokenSource? _stopping;
    private volatile bool _disposed;
    private volatile string _schedulingApplied = "not started";

    public RtpPacer(TimeProvider clock, RtpPacerOptions? options = null, ILogger<RtpPacer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new RtpPacerOptions();
        options.Validate();
        _clock = clock;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        Options = options;
        _slotCount = options.Slots;
        _frameTicks = ToTicks(options.FrameInterval);
        _slotTicks = _frameTicks / _slotCount;
        _lateTicks = ToTicks(options.LateThreshold);
        _maxBehindTicks = options.MaxBehindFrames * _frameTicks;
        _earlyTicks = ToTicks(options.EarlyTolerance);
        _spinWindowTicks = ToTicks(options.SpinWindow);
        _slots = new RtpStream[_slotCount][];
        for (int i = 0; i < _slotCount; i++)
        {
            _slots[i] = new RtpStream[16];
        }

        _slotCounts = new int[_slotCount];
        _bufferLength = options.MaxPacketSize;
        _buffer = ArrayPool<byte>.Shared.Rent(_bufferLength);
    }

    public RtpPacerOptions Options { get; }

    /// <summary>Streams the loop is pacing (after applying queued adds and removes).</summary>
    public int StreamCount => Volatile.Read(ref _streamCount);

    /// <summary>RTP packets sent (audio and telephone-event).</summary>
    public long FramesSent => Volatile.Read(ref _framesSent);

    /// <summary>Packets sent more than <see cref="RtpPacerOptions.LateThreshold"/> after their deadline.</summary>
    public long LateFrames => Volatile.Read(ref _lateFrames);

    /// <summary>Stream frames dropped by skipping ahead after a stall.</summary>
    public long SkippedFrames => Volatile.Read(ref _skippedFrames);

    /// <summary>Slot deadlines processed.</summary>
    public long Ticks => Volatile.Read(ref _ticks);

    /// <summary>Stream ticks that threw (a broken source or sender); the stream's source is dropped.</summary>
    public long Faults => Volatile.Read(ref _faults);

    /// <summary>The worst delay seen between a slot's deadline and its processing.</summary>
    public TimeSpan MaxLateness =>
        TimeSpan.FromSeconds((double)Volatile.Read(ref _maxLatenessTicks) / _clock.TimestampFrequency);

    /// <summary>How the loop thread ended up scheduled (e.g. "SCHED_RR priority 10", or "normal: ..." with the reason).</summary>
    public string SchedulingApplied => _schedulingApplied;

    /// <summary>True while the loop thread runs.</summary>
    public bool IsRunning => _thread is not null;

    /// <summary>
    /// Starts pacing <paramref name="stream"/> from the next deadline of its slot. A stream belongs
    /// to one pacer at a time.
    /// </summary>
    public void Add(RtpStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        RtpPacer? owner = Interlocked.CompareExchange(ref stream.Pacer, this, null);
        if (owner is not null && owner != this)
        {
            throw new InvalidOperationException("The stream is already paced by another pacer.");
        }

        _commands.Enqueue((stream, true));
    }

    /// <summary>Stops pacing <paramref name="stream"/> at the next tick (closing the stream does too).</summary>
    public void Remove(RtpStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _commands.Enqueue((stream, false));
    }

    /// <summary>
    /// The loop body: applies queued adds/removes, then runs every slot whose deadline has come by
    /// <paramref name="now"/> (a timestamp of the pacer's clock). The first call fixes the start of
    /// the schedule. Returns the next deadline. Call from one thread at a time.
    /// </summary>
    public long RunOnce(long now)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Thread? loop = _thread;
        if (loop is not null && loop != Thread.CurrentThread)
        {
            throw new InvalidOperationException("RunOnce is the loop's own body while the pacer runs.");
        }

        ApplyCommands();
        if (!_started)
        {
            _started = true;
            _start = now;
            _nextSubTick = 0;
        }

        if (now - Deadline(_nextSubTick) > _maxBehindTicks)
        {
            SkipAhead(now);
        }

        while (Deadline(_nextSubTick) - now <= _earlyTicks)
        {
            RunSlot(_nextSubTick, now);
            _nextSubTick++;
        }

        return Deadline(_nextSubTick);
    }

    /// <summary>Starts the loop on a dedicated thread. It stops on <see cref="Stop"/>, Dispose or the token.</summary>
    public void Start(CancellationToken cancellationToken = default)
    {
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_thread is not null)
            {
                throw new InvalidOperationException("The pacer is already running.");
            }

            _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            CancellationToken token = _stopping.Token;
            _thread = new Thread(() => Loop(token))
            {
                IsBackground = true,
                Name = "rtp-pacer",
            };
            _thread.Start();
        }
    }

    /// <summary>Stops the loop and waits for its thread to end.</summary>
    public void Stop()
    {
        Thread? thread;
        lock (_lifecycle)
        {
            thread = _thread;
            _stopping?.Cancel();
        }

        if (thread is not null && thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        lock (_lifecycle)
        {
            _stopping?.Dispose();
            _stopping = null;
            _thread = null;
        }
    }

    public void Dispose()
    {
        Stop();
        lock (_lifecycle)
        {
            if (!_disposed)
            {
                _disposed = true;
                ArrayPool<byte>.Shared.Return(_buffer);
            }
        }
    }

    private void Loop(CancellationToken cancellationToken)
    {
        ApplyScheduling();
        while (!cancellationToken.IsCancellationRequested)
        {
            long next;
            try
            {
                next = RunOnce(_clock.GetTimestamp());
            }
            catch (Exception ex)
            {
                // Never let the loop die: the next deadline is still the schedule's.
                RtpLog.PacerLoopFailed(_logger, ex);
                next = Deadline(_nextSubTick);
            }

            // Spin the last stretch only when there is something to send precisely.
            PrecisionWait.WaitUntil(_clock, next - _earlyTicks, _spinWindowTicks, _streamCount > 0, cancellationToken);
        }
    }

    private void ApplyScheduling()
    {
        if (Options.Scheduling == RtpPacerScheduling.Normal)
        {
            _schedulingApplied = "normal";
            return;
        }

        if (ThreadScheduling.TryMakeCurrentThreadRealtime(Options.RealtimePriority, out string detail))
        {
            _schedulingApplied = detail;
            RtpLog.PacerScheduling(_logger, detail);
        }
        else
        {
            _schedulingApplied = "normal: " + detail;
            RtpLog.PacerSchedulingRefused(_logger, detail);
        }
    }

    private long Deadline(long subTick) =>
        _start + (subTick / _slotCount * _frameTicks) + (subTick % _slotCount * _slotTicks);

    private void RunSlot(long subTick, long now)
    {
        int slot = (int)(subTick % _slotCount);
        long deadline = Deadline(subTick);
        long lateness = now - deadline;
        bool late = lateness > _lateTicks;
        if (lateness > _maxLatenessTicks)
        {
            Volatile.Write(ref _maxLatenessTicks, lateness);
        }

        RtpStream[] streams = _slots[slot];
        int count = _slotCounts[slot];
        Span<byte> buffer = _buffer.AsSpan(0, _bufferLength);
        long sent = 0;
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            RtpStream stream = streams[i];
            RtpTickOutcome outcome;
            try
            {
                outcome = stream.Tick(buffer, deadline);
            }
            catch (Exception ex)
            {
                Volatile.Write(ref _faults, _faults + 1);
                if (++stream.PacerFaults <= 3)
                {
                    RtpLog.StreamFaulted(_logger, stream.Ssrc, ex);
                }

                outcome = RtpTickOutcome.Silent;
            }

            if (outcome == RtpTickOutcome.Closed)
            {
                Detach(stream);
                continue;
            }

            if (outcome == RtpTickOutcome.Sent)
            {
                sent++;
            }

            streams[kept++] = stream; // stable compaction keeps each stream's place in its slot
        }

        if (kept != count)
        {
            Array.Clear(streams, kept, count - kept);
            _slotCounts[slot] = kept;
            Volatile.Write(ref _streamCount, _streamCount - (count - kept));
        }

        Volatile.Write(ref _framesSent, _framesSent + sent);
        if (late)
        {
            Volatile.Write(ref _lateFrames, _lateFrames + sent);
        }

        Volatile.Write(ref _ticks, _ticks + 1);
    }

    private void SkipAhead(long now)
    {
        // Resume with the last due deadline of every slot (within one interval of now) and skip the rest.
        long elapsed = now - _start;
        long lastDue = (elapsed / _frameTicks * _slotCount) + Math.Min(elapsed % _frameTicks / _slotTicks, _slotCount - 1);
        long resume = Math.Max(_nextSubTick, lastDue - _slotCount + 1);
        long total = resume - _nextSubTick;
        long skippedFrames = 0;
        for (int slot = 0; slot < _slotCount; slot++)
        {
            // How many sub-ticks in [_nextSubTick, resume) fall on this slot.
            long offset = ((slot - (_nextSubTick % _slotCount)) + _slotCount) % _slotCount;
            long frames = (total / _slotCount) + (offset < total % _slotCount ? 1 : 0);
            if (frames == 0)
            {
                continue;
            }

            RtpStream[] streams = _slots[slot];
            for (int i = 0; i < _slotCounts[slot]; i++)
            {
                streams[i].SkipFrames((int)Math.Min(frames, int.MaxValue / streams[i].SamplesPerFrame));
            }

            skippedFrames += frames * _slotCounts[slot];
        }

        RtpLog.PacerSkipped(_logger, (now - Deadline(_nextSubTick)) * 1000.0 / _clock.TimestampFrequency, total / _slotCount);
        Volatile.Write(ref _skippedFrames, _skippedFrames + skippedFrames);
        _nextSubTick = resume;
    }

    private void ApplyCommands()
    {
        while (_commands.TryDequeue(out (RtpStream Stream, bool Add) command))
        {
            RtpStream stream = command.Stream;
            if (command.Add)
            {
                if (stream.PacerSlot < 0 && !stream.IsClosed)
                {
                    Attach(stream);
                }
            }
            else if (stream.PacerSlot >= 0)
            {
                RtpStream[] streams = _slots[stream.PacerSlot];
                int count = _slotCounts[stream.PacerSlot];
                int index = Array.IndexOf(streams, stream, 0, count);
                Array.Copy(streams, index + 1, streams, index, count - index - 1);
                streams[count - 1] = null!;
                _slotCounts[stream.PacerSlot] = count - 1;
                Volatile.Write(ref _streamCount, _streamCount - 1);
                Detach(stream);
            }
        }
    }

    private void Attach(RtpStream stream)
    {
        // The least loaded slot keeps the bursts even.
        int slot = 0;
        for (int i = 1; i < _slotCount; i++)
        {
            if (_slotCounts[i] < _slotCounts[slot])
            {
                slot = i;
            }
        }

        RtpStream[] streams = _slots[slot];
        int count = _slotCounts[slot];
        if (count == streams.Length)
        {
            Array.Resize(ref _slots[slot], count * 2);
            streams = _slots[slot];
        }

        streams[count] = stream;
        _slotCounts[slot] = count + 1;
        stream.PacerSlot = slot;
        stream.Pacer = this;
        Volatile.Write(ref _streamCount, _streamCount + 1);
    }

    private static void Detach(RtpStream stream)
    {
        stream.PacerSlot = -1;
        stream.Pacer = null;
    }

    private long ToTicks(TimeSpan span) => (long)(span.Ticks * (double)_clock.TimestampFrequency / TimeSpan.TicksPerSecond);
}
