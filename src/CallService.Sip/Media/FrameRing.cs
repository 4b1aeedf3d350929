using System.Buffers;

namespace CallService.Sip.Media;

/// <summary>
/// A fixed-depth buffer of 20 ms encoded frames between one producer (a leg's receive loop) and one
/// consumer (the pacer thread sending the other leg's stream): the jitter buffer of a bridge
/// direction. Lock-free and allocation-free after construction: the frames live in one array from
/// <see cref="ArrayPool{T}.Shared"/> (returned on <see cref="Dispose"/>).
/// <para>
/// Overflow drops the oldest frame (the newest audio is the one worth hearing, and the buffer never
/// holds more than <see cref="Depth"/> frames, which bounds the delay); an empty read is an underrun.
/// Both are counted. The buffer does not reorder: frames leave in the order they were published.
/// </para>
/// <para>
/// How it stays correct without locks: the write index is the producer's alone; the read index only
/// grows, and every change of it (consume, drop oldest, <see cref="Clear"/>) is a compare-exchange.
/// There is one slot more than <see cref="Depth"/>, so the frame being filled is never one the
/// consumer may read. A consumer copies its frame first and then claims it; if the producer
/// dropped that frame meanwhile (and may be overwriting it), the claim fails and the consumer
/// takes the next oldest instead, so a torn frame is never returned.
/// </para>
/// </summary>
public sealed class FrameRing : IDisposable
{
    /// <summary>The largest depth accepted: 8 frames = 160 ms, already more than a call should wait.</summary>
    public const int MaxDepth = 8;

    private readonly byte[] _buffer;
    private readonly int _slots;

    // The read index: changed only by compare-exchange, never decreases, never passes _write.
    private long _read;

    // The write index: count of frames published; written by the producer only.
    private long _write;

    // Counters, each with a single writer (named) except _cleared.
    private long _overruns; // producer
    private long _framesRead; // consumer
    private long _underruns; // consumer
    private long _cleared; // any thread (Interlocked)
    private int _disposed;

    /// <summary>A ring holding at most <paramref name="depth"/> frames of <paramref name="frameBytes"/> bytes.</summary>
    public FrameRing(int depth, int frameBytes = 160)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, MaxDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameBytes);
        Depth = depth;
        FrameBytes = frameBytes;
        _slots = depth + 1;
        _buffer = ArrayPool<byte>.Shared.Rent(_slots * frameBytes);
    }

    /// <summary>The most frames the ring holds; the delay it can add is <c>Depth x 20 ms</c>.</summary>
    public int Depth { get; }

    /// <summary>Bytes per frame (160: 20 ms of PCMU, PCMA or G.722 at 64 kbit/s).</summary>
    public int FrameBytes { get; }

    /// <summary>Frames published and not yet read or dropped (a snapshot).</summary>
    public int Count
    {
        get
        {
            // Read index first: the write index read after it can only be at least as large.
            long read = Volatile.Read(ref _read);
            return (int)(Volatile.Read(ref _write) - read);
        }
    }

    /// <summary>Frames published by the producer.</summary>
    public long FramesWritten => Volatile.Read(ref _write);

    /// <summary>Frames handed to the consumer.</summary>
    public long FramesRead => Volatile.Read(ref _framesRead);

    /// <summary>Frames dropped, oldest first, because a frame was published into a full ring.</summary>
    public long Overruns => Volatile.Read(ref _overruns);

    /// <summary>Reads that found the ring empty.</summary>
    public long Underruns => Volatile.Read(ref _underruns);

    /// <summary>Frames discarded by <see cref="Clear"/>.</summary>
    public long FramesCleared => Interlocked.Read(ref _cleared);

    /// <summary>
    /// Producer only: the slot of the next frame, to be filled (in one go or over several calls)
    /// before <see cref="Publish"/>. The consumer never reads it before it is published.
    /// </summary>
    public Span<byte> PendingFrame => _buffer.AsSpan((int)(_write % _slots) * FrameBytes, FrameBytes);

    /// <summary>
    /// Producer only: makes <see cref="PendingFrame"/> readable. When the ring already holds
    /// <see cref="Depth"/> frames the oldest is dropped first and counted in <see cref="Overruns"/>.
    /// </summary>
    public void Publish()
    {
        long next = _write + 1;
        while (true)
        {
            long read = Volatile.Read(ref _read);
            if (next - read <= Depth)
            {
                break;
            }

            // Drop the oldest. A failed exchange means the consumer took it meanwhile: look again.
            if (Interlocked.CompareExchange(ref _read, read + 1, read) == read)
            {
                Volatile.Write(ref _overruns, _overruns + 1);
            }
        }

        // Release: the frame's bytes are visible before the index that publishes them.
        Volatile.Write(ref _write, next);
    }

    /// <summary>Producer only: copies one whole frame in and publishes it.</summary>
    public void Write(ReadOnlySpan<byte> frame)
    {
        if (frame.Length != FrameBytes)
        {
            throw new ArgumentException($"A frame is {FrameBytes} bytes, not {frame.Length}.", nameof(frame));
        }

        frame.CopyTo(PendingFrame);
        Publish();
    }

    /// <summary>
    /// Consumer only: copies the oldest frame into <paramref name="destination"/> (at least
    /// <see cref="FrameBytes"/> long) and returns true; false when the ring is empty (an underrun,
    /// counted).
    /// </summary>
    public bool TryRead(Span<byte> destination)
    {
        if (destination.Length < FrameBytes)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; a frame is {FrameBytes}.", nameof(destination));
        }

        while (true)
        {
            long read = Volatile.Read(ref _read);
            if (read == Volatile.Read(ref _write))
            {
                Volatile.Write(ref _underruns, _underruns + 1);
                return false;
            }

            _buffer.AsSpan((int)(read % _slots) * FrameBytes, FrameBytes).CopyTo(destination);

            // The exchange is a full fence: the copy above completed before the claim. If the read
            // index moved, the producer dropped this frame (or Clear ran) and may be rewriting it.
            if (Interlocked.CompareExchange(ref _read, read + 1, read) == read)
            {
                Volatile.Write(ref _framesRead, _framesRead + 1);
                return true;
            }
        }
    }

    /// <summary>
    /// Any thread: discards every published frame (e.g. stale audio when a bridge direction is
    /// resumed) and returns how many; counted in <see cref="FramesCleared"/>, not as overruns.
    /// </summary>
    public int Clear()
    {
        while (true)
        {
            long read = Volatile.Read(ref _read);
            long write = Volatile.Read(ref _write);
            if (read == write)
            {
                return 0;
            }

            if (Interlocked.CompareExchange(ref _read, write, read) == read)
            {
                int dropped = (int)(write - read);
                Interlocked.Add(ref _cleared, dropped);
                return dropped;
            }
        }
    }

    /// <summary>
    /// Returns the frames' memory to the pool. The owner calls it once neither the producer nor the
    /// consumer can touch the ring any more.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
