using System.Runtime.InteropServices;

namespace CallService.Sip.Transport;

/// <summary>
/// A minimal Linux io_uring (io_uring_setup(2), io_uring_enter(2)): the submission and completion
/// rings the kernel maps into this process, written and read through <see cref="Marshal"/> (the
/// library has no unsafe code). Only what <see cref="TimedDatagramSender"/> needs: a timeout linked
/// to a sendmsg, and the removal of such a timeout.
/// <para>Not thread-safe: its owner serialises every call.</para>
/// </summary>
internal sealed class IoUring : IDisposable
{
    /// <summary>Submission entry size, fixed by the kernel ABI.</summary>
    public const int SqeSize = 64;

    // Opcodes (enum io_uring_op, include/uapi/linux/io_uring.h).
    public const byte OpSendMsg = 9;
    public const byte OpTimeout = 11;
    public const byte OpTimeoutRemove = 12;

    /// <summary>IOSQE_IO_LINK: the next entry starts only when this one completes successfully.</summary>
    public const byte FlagLink = 1 << 2;

    /// <summary>IORING_TIMEOUT_ABS: the timespec is an absolute CLOCK_MONOTONIC instant.</summary>
    public const uint TimeoutAbsolute = 1u << 0;

    /// <summary>IORING_TIMEOUT_ETIME_SUCCESS (Linux 5.16): an expiry counts as success, so a linked entry runs.</summary>
    public const uint TimeoutExpiryIsSuccess = 1u << 5;

    // io_uring_setup and io_uring_enter have the same number on every architecture.
    private const long SysIoUringSetup = 425;
    private const long SysIoUringEnter = 426;
    private const uint SetupCqSize = 1u << 3;
    private const uint FeatureSingleMmap = 1u << 0;
    private const uint FeatureNoDrop = 1u << 1;
    private const long OffsetSqRing = 0;
    private const long OffsetSqes = 0x10000000;
    private const int ParamsSize = 120;
    private const int ProtReadWrite = 0x1 | 0x2;
    private const int MapSharedPopulate = 0x01 | 0x8000;
    private const int ErrnoInterrupted = 4;

    private readonly int _fd;
    private readonly IntPtr _sqRing;
    private readonly nuint _sqRingSize;
    private readonly IntPtr _cqRing;
    private readonly nuint _cqRingSize;
    private readonly IntPtr _sqes;
    private readonly nuint _sqesSize;
    private readonly IntPtr _sqTail;
    private readonly IntPtr _sqHead;
    private readonly uint _sqMask;
    private readonly uint _sqEntries;
    private readonly IntPtr _sqArray;
    private readonly IntPtr _cqHead;
    private readonly IntPtr _cqTail;
    private readonly uint _cqMask;
    private readonly IntPtr _cqes;
    private uint _pendingTail;
    private bool _disposed;

    private IoUring(int fd, IntPtr sqRing, nuint sqRingSize, IntPtr cqRing, nuint cqRingSize, IntPtr sqes, nuint sqesSize, IntPtr parameters)
    {
        _fd = fd;
        (_sqRing, _sqRingSize, _cqRing, _cqRingSize, _sqes, _sqesSize) = (sqRing, sqRingSize, cqRing, cqRingSize, sqes, sqesSize);
        // struct io_sqring_offsets at 40, io_cqring_offsets at 80 of struct io_uring_params.
        _sqHead = sqRing + Marshal.ReadInt32(parameters, 40);
        _sqTail = sqRing + Marshal.ReadInt32(parameters, 44);
        _sqMask = (uint)Marshal.ReadInt32(sqRing + Marshal.ReadInt32(parameters, 48));
        _sqEntries = (uint)Marshal.ReadInt32(sqRing + Marshal.ReadInt32(parameters, 52));
        _sqArray = sqRing + Marshal.ReadInt32(parameters, 64);
        _cqHead = cqRing + Marshal.ReadInt32(parameters, 80);
        _cqTail = cqRing + Marshal.ReadInt32(parameters, 84);
        _cqMask = (uint)Marshal.ReadInt32(cqRing + Marshal.ReadInt32(parameters, 88));
        _cqes = cqRing + Marshal.ReadInt32(parameters, 100);
        _pendingTail = (uint)Marshal.ReadInt32(_sqTail);
    }

    /// <summary>Sets up a ring, or returns null with the reason (not Linux, a 32-bit process, io_uring
    /// disabled by sysctl or a seccomp filter, a kernel older than 5.5).</summary>
    public static IoUring? TryCreate(uint entries, uint completionEntries, out string detail)
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            detail = "io_uring needs 64-bit Linux";
            return null;
        }
        IntPtr parameters = Marshal.AllocHGlobal(ParamsSize);
        try
        {
            for (int i = 0; i < ParamsSize; i += 4)
            {
                Marshal.WriteInt32(parameters, i, 0);
            }
            Marshal.WriteInt32(parameters, 4, (int)completionEntries);
            Marshal.WriteInt32(parameters, 8, (int)SetupCqSize);
            long fd;
            try
            {
                fd = NativeMethods.SyscallSetup(SysIoUringSetup, entries, parameters);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                detail = "libc's syscall() is not available";
                return null;
            }
            if (fd < 0)
            {
                detail = $"io_uring_setup failed with errno {Marshal.GetLastPInvokeError()} (ENOSYS 38, EPERM 1: disabled by kernel.io_uring_disabled or a seccomp filter)";
                return null;
            }
            uint features = (uint)Marshal.ReadInt32(parameters, 20);
            if ((features & FeatureSingleMmap) == 0 || (features & FeatureNoDrop) == 0)
            {
                NativeMethods.Close((int)fd);
                detail = "the kernel's io_uring is older than 5.5 (no single mmap or no-drop completions)";
                return null;
            }
            uint sqEntries = (uint)Marshal.ReadInt32(parameters, 0);
            uint cqEntries = (uint)Marshal.ReadInt32(parameters, 4);
            // Both rings live in one mapping (IORING_FEAT_SINGLE_MMAP, at the submission
            // ring's offset); it must cover the larger.
            nuint sqRingSize = (nuint)(Marshal.ReadInt32(parameters, 64) + sqEntries * 4);
            nuint cqRingSize = (nuint)(Marshal.ReadInt32(parameters, 100) + cqEntries * 16);
            nuint ringSize = Math.Max(sqRingSize, cqRingSize);
            IntPtr rings = NativeMethods.Mmap(IntPtr.Zero, ringSize, ProtReadWrite, MapSharedPopulate, (int)fd, OffsetSqRing);
            nuint sqesSize = (nuint)(sqEntries * SqeSize);
            IntPtr sqes = rings == -1 ? -1 : NativeMethods.Mmap(IntPtr.Zero, sqesSize, ProtReadWrite, MapSharedPopulate, (int)fd, OffsetSqes);
            if (rings == -1 || sqes == -1)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (rings != -1)
                {
                    NativeMethods.Munmap(rings, ringSize);
                }
                NativeMethods.Close((int)fd);
                detail = $"mmap of the io_uring rings failed with errno {errno}";
                return null;
            }
            detail = $"io_uring with {sqEntries} submission and {cqEntries} completion entries";
            return new IoUring((int)fd, rings, ringSize, rings, 0, sqes, sqesSize, parameters);
        }
        finally
        {
            Marshal.FreeHGlobal(parameters);
        }
    }

    /// <summary>Free submission entries (the kernel consumes them on <see cref="Submit"/>).</summary>
    public uint FreeEntries
    {
        get
        {
            uint head = (uint)Marshal.ReadInt32(_sqHead);
            Interlocked.MemoryBarrier();
            return _sqEntries - (_pendingTail - head);
        }
    }

    /// <summary>The next submission entry, zeroed; it is queued by <see cref="Submit"/>.
    /// The caller checks <see cref="FreeEntries"/> first.</summary>
    public IntPtr NextEntry()
    {
        uint index = _pendingTail & _sqMask;
        IntPtr sqe = _sqes + (int)(index * SqeSize);
        for (int i = 0; i < SqeSize; i += 8)
        {
            Marshal.WriteInt64(sqe, i, 0);
        }
        Marshal.WriteInt32(_sqArray, (int)(index * 4), (int)index);
        _pendingTail++;
        return sqe;
    }

    /// <summary>
    /// Publishes the entries taken since the last call and enters the kernel to start them. Entries
    /// that complete at once (a timeout removal) have their completions posted when this returns.
    /// </summary>
    /// <returns>0, or the errno of io_uring_enter.</returns>
    public int Submit()
    {
        uint published = (uint)Marshal.ReadInt32(_sqTail);
        uint count = _pendingTail - published;
        Interlocked.MemoryBarrier(); // the entries are written before the kernel sees the new tail
        Marshal.WriteInt32(_sqTail, (int)_pendingTail);
        Interlocked.MemoryBarrier();
        return Enter(count);
    }

    /// <summary>Takes the next completion, if any: the entry's user data and its result (-errno on failure).</summary>
    public bool TryTakeCompletion(out ulong userData, out int result)
    {
        uint head = (uint)Marshal.ReadInt32(_cqHead);
        uint tail = (uint)Marshal.ReadInt32(_cqTail);
        Interlocked.MemoryBarrier(); // read the entry only after the tail that published it
        if (head == tail)
        {
            userData = 0;
            result = 0;
            return false;
        }
        IntPtr cqe = _cqes + (int)((head & _cqMask) * 16);
        userData = (ulong)Marshal.ReadInt64(cqe, 0);
        result = Marshal.ReadInt32(cqe, 8);
        Interlocked.MemoryBarrier(); // the entry is read before the kernel may reuse its slot
        Marshal.WriteInt32(_cqHead, (int)(head + 1));
        return true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        NativeMethods.Munmap(_sqes, _sqesSize);
        NativeMethods.Munmap(_sqRing, _sqRingSize);
        if (_cqRingSize != 0)
        {
            NativeMethods.Munmap(_cqRing, _cqRingSize);
        }
        NativeMethods.Close(_fd); // the kernel cancels whatever is still in flight
    }

    private int Enter(uint toSubmit)
    {
        while (true)
        {
            long done = NativeMethods.SyscallEnter(SysIoUringEnter, _fd, toSubmit, 0, 0, IntPtr.Zero, 0);
            if (done >= 0)
            {
                return 0;
            }
            int errno = Marshal.GetLastPInvokeError();
            if (errno != ErrnoInterrupted)
            {
                return errno;
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern long SyscallSetup(long number, uint entries, IntPtr parameters);

        [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern long SyscallEnter(long number, int fd, uint toSubmit, uint minComplete, uint flags, IntPtr signals, nuint signalSetSize);

        [DllImport("libc", EntryPoint = "mmap", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern IntPtr Mmap(IntPtr address, nuint length, int protection, int flags, int fd, long offset);

        [DllImport("libc", EntryPoint = "munmap")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Munmap(IntPtr address, nuint length);

        [DllImport("libc", EntryPoint = "close")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int fd);
    }
}
