using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using CallService.Sip.Rtp;
using Microsoft.Extensions.Logging;

namespace CallService.Sip.Transport;

/// <summary>
/// Sends datagrams at exact instants by handing each to the kernel ahead of time: an io_uring
/// timeout on an absolute CLOCK_MONOTONIC instant, linked to the sendmsg (Linux 5.16 or later).
/// <para>
/// Why: a thread woken at the instant to send is late by however long the process cannot run. Under
/// load the garbage collector suspends every managed thread for 5-40 ms a few times a second, and the
/// 200 OK that ends the Nth ring (a deadline the caller hears, DESIGN.md "Counting rings") came up to
/// 20 ms late whenever its instant fell inside a pause. The kernel's timer does not pause with us.
/// </para>
/// <para>
/// The kernel runs the linked send in the context of the thread that submitted it, and a thread's
/// requests do not outlive it; so every timed send is submitted by this class's own thread, which
/// lives as long as the sender and is real-time where permitted (the send is not queued behind busy
/// threads). It waits in the kernel, so a collection does not hold it either. A timeout removal
/// completes inside the call that submits it, which gives <see cref="TryCancel"/> its answer at once.
/// </para>
/// </summary>
internal sealed class TimedDatagramSender : IDisposable
{
    private const int ErrnoTimerExpired = 62;
    private const int ErrnoCancelled = 125;
    private const int ClockMonotonic = 1;
    private const int MaxAddressSize = 128;

    // The native block: timespec, msghdr (LP64), iovec, sockaddr, payload.
    private const int TimespecOffset = 0;
    private const int MessageHeaderOffset = 16;
    private const int IoVectorOffset = MessageHeaderOffset + 56;
    private const int AddressOffset = IoVectorOffset + 16;
    private const int PayloadOffset = AddressOffset + MaxAddressSize;

    // user_data = id << 2 | kind
    private const ulong KindTimeout = 0;
    private const ulong KindSend = 1;
    private const ulong KindRemove = 2;

    private readonly IoUring _ring;
    private readonly SipTransportCounters _counters;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Queue<ScheduledDatagram> _queued = new();
    private readonly Dictionary<long, ScheduledDatagram> _inFlight = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly int _realtimePriority;
    private long _nextId;
    private bool _unusable;

    private TimedDatagramSender(IoUring ring, SipTransportCounters counters, ILogger logger, int realtimePriority)
    {
        _ring = ring;
        _counters = counters;
        _logger = logger;
        _realtimePriority = realtimePriority;
        _thread = new Thread(Loop) { IsBackground = true, Name = "timed-sends" };
        _thread.Start();
    }

    /// <summary>A sender, or null (with the reason) where the kernel offers no io_uring.</summary>
    public static TimedDatagramSender? TryCreate(SipTransportCounters counters, ILogger logger, out string detail, int realtimePriority = 9)
    {
        // 64 submissions: a timed send takes two and is submitted within microseconds of its request.
        // 4,096 completions: each send posts two; the kernel keeps any overflow (IORING_FEAT_NODROP).
        IoUring? ring = IoUring.TryCreate(64, 4096, out detail);
        return ring is null ? null : new TimedDatagramSender(ring, counters, logger, realtimePriority);
    }

    /// <summary>
    /// Has <paramref name="datagram"/> sent from <paramref name="socket"/> to <paramref name="remote"/>
    /// at <paramref name="timestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> instant; one already
    /// past is sent at once). Null when it cannot be (the sender is stopping or found the kernel
    /// lacking, the address is too long, the socket is closed).
    /// </summary>
    public ScheduledDatagram? TrySchedule(Socket socket, ReadOnlySpan<byte> datagram, IPEndPoint remote, long timestamp)
    {
        if (Volatile.Read(ref _unusable) || _stop.IsCancellationRequested)
        {
            return null;
        }
        SocketAddress address = remote.Serialize();
        if (address.Size > MaxAddressSize)
        {
            return null;
        }
        SafeHandle handle = socket.SafeHandle;
        bool referenced = false;
        try
        {
            handle.DangerousAddRef(ref referenced);
        }
        catch (ObjectDisposedException)
        {
            return null;
        }

        IntPtr block = Marshal.AllocHGlobal(PayloadOffset + datagram.Length);
        long deadline = MonotonicNanoseconds() + (long)((timestamp - Stopwatch.GetTimestamp()) * (1e9 / Stopwatch.Frequency));
        Marshal.WriteInt64(block, TimespecOffset, deadline / 1_000_000_000);
        Marshal.WriteInt64(block, TimespecOffset + 8, deadline % 1_000_000_000);
        // struct msghdr: name, namelen, iov, iovlen, control, controllen, flags.
        Marshal.WriteIntPtr(block, MessageHeaderOffset, block + AddressOffset);
        Marshal.WriteInt64(block, MessageHeaderOffset + 8, address.Size);
        Marshal.WriteIntPtr(block, MessageHeaderOffset + 16, block + IoVectorOffset);
        Marshal.WriteInt64(block, MessageHeaderOffset + 24, 1);
        Marshal.WriteInt64(block, MessageHeaderOffset + 32, 0);
        Marshal.WriteInt64(block, MessageHeaderOffset + 40, 0);
        Marshal.WriteInt64(block, MessageHeaderOffset + 48, 0);
        Marshal.WriteIntPtr(block, IoVectorOffset, block + PayloadOffset);
        Marshal.WriteInt64(block, IoVectorOffset + 8, datagram.Length);
        Marshal.Copy(address.Buffer.Span[..address.Size].ToArray(), 0, block + AddressOffset, address.Size);
        Marshal.Copy(datagram.ToArray(), 0, block + PayloadOffset, datagram.Length);

        var scheduled = new ScheduledDatagram(this, Interlocked.Increment(ref _nextId), block, handle, datagram.Length);
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                Release(scheduled); // Dispose has drained the queue already (it sets _stop first)
                return null;
            }
            _queued.Enqueue(scheduled);
        }
        _wake.Release();
        return scheduled;
    }

    /// <summary>See <see cref="ScheduledDatagram.TryCancel"/>.</summary>
    internal bool TryCancel(ScheduledDatagram scheduled)
    {
        lock (_gate)
        {
            Reap();
            switch (scheduled.State)
            {
                case ScheduledDatagramState.Queued:
                    scheduled.State = ScheduledDatagramState.Cancelled;
                    Release(scheduled); // the thread skips it
                    return true;
                case ScheduledDatagramState.Sent:
                    return false;
                case ScheduledDatagramState.Cancelled or ScheduledDatagramState.Failed:
                    return true;
            }
            // Submitted: remove its timeout. The removal completes within Submit, and with it the
            // linked send is cancelled; or the timeout has fired and the send is under way.
            SubmitRemoval(scheduled);
            Reap();
            if (scheduled.RemoveResult == 0)
            {
                scheduled.State = ScheduledDatagramState.Cancelled;
                return true;
            }
            // -ENOENT or -EALREADY (the timeout fired), or no answer: the send is under way.
            return scheduled.State == ScheduledDatagramState.Failed;
        }
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        _stop.Cancel();
        _wake.Release();
        _thread.Join(TimeSpan.FromSeconds(2));
        lock (_gate)
        {
            while (_queued.TryDequeue(out ScheduledDatagram? queued))
            {
                if (queued.State == ScheduledDatagramState.Queued)
                {
                    queued.State = ScheduledDatagramState.Cancelled;
                    Release(queued);
                }
            }
            foreach (ScheduledDatagram held in _inFlight.Values.ToArray())
            {
                if (held.State == ScheduledDatagramState.Submitted && !held.TimeoutDone)
                {
                    SubmitRemoval(held);
                }
            }
            Reap();
            // A send still in the kernel may read its block until the ring is torn down: such blocks
            // (none in an orderly stop) are left allocated rather than freed under the kernel.
            foreach (ScheduledDatagram left in _inFlight.Values)
            {
                left.Socket.DangerousRelease();
            }
            _inFlight.Clear();
            _ring.Dispose();
        }
    }

    private void Loop()
    {
        string scheduling = ThreadScheduling.TryMakeCurrentThreadRealtime(_realtimePriority, out string detail) ? detail : "normal: " + detail;
        SipTransportLog.TimedSendsThread(_logger, scheduling);
        CancellationToken stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                // Woken by a request, or once a second to take completions (and free their memory).
                _wake.Wait(1000, stop);
                lock (_gate)
                {
                    SubmitQueued();
                    Reap();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void SubmitQueued()
    {
        List<ScheduledDatagram>? submitted = null;
        while (_ring.FreeEntries >= 2 && _queued.TryDequeue(out ScheduledDatagram? next))
        {
            if (next.State != ScheduledDatagramState.Queued)
            {
                continue; // withdrawn while queued
            }
            IntPtr timeout = _ring.NextEntry();
            Marshal.WriteByte(timeout, 0, IoUring.OpTimeout);
            Marshal.WriteByte(timeout, 1, IoUring.FlagLink);
            Marshal.WriteInt32(timeout, 4, -1);
            Marshal.WriteInt64(timeout, 16, next.Block + TimespecOffset);
            Marshal.WriteInt32(timeout, 24, 1);
            Marshal.WriteInt32(timeout, 28, (int)(IoUring.TimeoutAbsolute | IoUring.TimeoutExpiryIsSuccess));
            Marshal.WriteInt64(timeout, 32, (long)UserData(next.Id, KindTimeout));
            IntPtr send = _ring.NextEntry();
            Marshal.WriteByte(send, 0, IoUring.OpSendMsg);
            Marshal.WriteInt32(send, 4, (int)next.Socket.DangerousGetHandle());
            Marshal.WriteInt64(send, 16, next.Block + MessageHeaderOffset);
            Marshal.WriteInt32(send, 24, 1);
            Marshal.WriteInt64(send, 32, (long)UserData(next.Id, KindSend));
            _inFlight[next.Id] = next;
            (submitted ??= []).Add(next);
        }
        if (submitted is not null)
        {
            if (_ring.Submit() is int error and not 0)
            {
                Disable($"io_uring_enter failed with errno {error}");
            }
            foreach (ScheduledDatagram entered in submitted)
            {
                entered.State = ScheduledDatagramState.Submitted; // only now does a removal find its timeout
            }
        }
        if (_queued.Count > 0)
        {
            _wake.Release(); // more than the ring takes at once: go round again
        }
    }

    /// <summary>Removes the timeout of a submitted datagram; the answer is posted before this returns.</summary>
    private void SubmitRemoval(ScheduledDatagram scheduled)
    {
        scheduled.Withdrawing = true;
        IntPtr sqe = _ring.NextEntry();
        Marshal.WriteByte(sqe, 0, IoUring.OpTimeoutRemove);
        Marshal.WriteInt32(sqe, 4, -1);
        Marshal.WriteInt64(sqe, 16, (long)UserData(scheduled.Id, KindTimeout));
        Marshal.WriteInt64(sqe, 32, (long)UserData(scheduled.Id, KindRemove));
        if (_ring.Submit() is int error and not 0)
        {
            Disable($"io_uring_enter failed with errno {error}");
        }
    }

    /// <summary>Takes every completion; frees a datagram once both of its entries are in.</summary>
    private void Reap()
    {
        while (_ring.TryTakeCompletion(out ulong userData, out int result))
        {
            long id = (long)(userData >> 2);
            if (!_inFlight.TryGetValue(id, out ScheduledDatagram? scheduled))
            {
                continue;
            }
            switch (userData & 3)
            {
                case KindTimeout:
                    scheduled.TimeoutDone = true;
                    if (result != -ErrnoTimerExpired && result != -ErrnoCancelled && result != 0)
                    {
                        // An older kernel refuses the flags (EINVAL): every timed send would fail so.
                        Disable($"the kernel refused a timed send's timeout with errno {-result} (Linux 5.16 or later is needed)");
                    }
                    break;
                case KindSend:
                    scheduled.SendDone = true;
                    if (result >= 0)
                    {
                        scheduled.State = ScheduledDatagramState.Sent;
                        _counters.Sent(scheduled.Length);
                    }
                    else if (result == -ErrnoCancelled && scheduled.Withdrawing)
                    {
                        scheduled.State = ScheduledDatagramState.Cancelled;
                    }
                    else
                    {
                        scheduled.State = ScheduledDatagramState.Failed;
                        Interlocked.Increment(ref _counters.SendErrors);
                        SipTransportLog.TimedSendFailed(_logger, -result);
                    }
                    break;
                case KindRemove:
                    scheduled.RemoveResult = result;
                    break;
            }
            // A withdrawn datagram stays listed until its removal's answer is in too (TryCancel reads it).
            if (scheduled.TimeoutDone && scheduled.SendDone && (!scheduled.Withdrawing || scheduled.RemoveResult is not null))
            {
                _inFlight.Remove(id);
                Release(scheduled);
            }
        }
    }

    private static void Release(ScheduledDatagram scheduled)
    {
        if (scheduled.Block != IntPtr.Zero)
        {
            Marshal.FreeHGlobal(scheduled.Block);
            scheduled.Block = IntPtr.Zero;
            scheduled.Socket.DangerousRelease();
        }
    }

    private void Disable(string why)
    {
        if (!_unusable)
        {
            Volatile.Write(ref _unusable, true);
            SipTransportLog.TimedSendsUnavailable(_logger, why);
        }
    }

    private static ulong UserData(long id, ulong kind) => ((ulong)id << 2) | kind;

    private static long MonotonicNanoseconds()
    {
        NativeMethods.ClockGetTime(ClockMonotonic, out Timespec now);
        return now.Seconds * 1_000_000_000 + now.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "clock_gettime")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int ClockGetTime(int clock, out Timespec time);
    }
}
