using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace CallService.LoadProbe;

/// <summary>One received datagram: its bytes, where it came from and when the kernel received it.</summary>
/// <param name="Data">The payload (valid only during the callback).</param>
/// <param name="SourceAddress">IPv4 source address, network order.</param>
/// <param name="SourcePort">UDP source port.</param>
/// <param name="KernelNs">SO_TIMESTAMPNS receive time, Unix nanoseconds (CLOCK_REALTIME).</param>
internal delegate void DatagramHandler(ReadOnlySpan<byte> data, uint sourceAddress, int sourcePort, long kernelNs);

/// <summary>
/// A loopback UDP socket polled by one dedicated thread with recvmmsg every millisecond (up to 64 datagrams per system
/// call), each datagram stamped by the kernel (SO_TIMESTAMPNS), so the probe's own scheduling delays
/// do not show up as jitter; SO_RXQ_OVFL reports datagrams the kernel dropped because this socket's
/// buffer was full (losses of the probe, not of the service). Linux x86-64 only.
/// </summary>
internal sealed unsafe partial class TimestampedUdpSocket : IDisposable
{
    private const int SolSocket = 1;
    private const int SoRcvbuf = 8;
    private const int SoRcvtimeo = 20;
    private const int SoTimestampns = 35;
    private const int SoRxqOvfl = 40;
    private const int Batch = 64;
    private const int SlotSize = 2048;
    private const int ControlSize = 64;
    private const int MsgDontWait = 0x40;

    private readonly Socket _socket;
    private readonly int _fd;
    private Thread? _thread;
    private volatile bool _stopping;
    private uint _kernelDrops;

    public TimestampedUdpSocket(IPEndPoint local, int receiveBuffer = 4 << 20)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(local);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _fd = (int)_socket.Handle;
        SetInt(SoRcvbuf, receiveBuffer);
        SetInt(SoTimestampns, 1);
        SetInt(SoRxqOvfl, 1);
        var timeout = stackalloc long[2] { 0, 100_000 }; // struct timeval: 100 ms, so Stop is noticed
        Check(SetSockOpt(_fd, SolSocket, SoRcvtimeo, timeout, 16), "SO_RCVTIMEO");
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Datagrams the kernel dropped on this socket (its buffer was full): the probe's own loss.</summary>
    public uint KernelDrops => Volatile.Read(ref _kernelDrops);

    private long _datagrams;

    /// <summary>Datagrams read so far.</summary>
    public long Datagrams => Volatile.Read(ref _datagrams);

    public void Send(ReadOnlySpan<byte> datagram, EndPoint remote) => _socket.SendTo(datagram, SocketFlags.None, remote);

    /// <summary>
    /// Starts the reading thread. With <paramref name="realtimePriority"/> it asks for SCHED_RR at that
    /// priority (root or CAP_SYS_NICE), so that on a busy machine the probe drains its sockets before
    /// they overflow; below the service's pacer (10) so the probe never delays what it measures.
    /// </summary>
    public void Start(DatagramHandler handler, string name, int? realtimePriority = null)
    {
        _thread = new Thread(() =>
        {
            if (realtimePriority is int priority)
            {
                int parameter = priority;
                RealtimeApplied = SchedSetScheduler(0, 2, &parameter) == 0; // SCHED_RR for this thread
            }
            Loop(handler);
        })
        { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Whether the SCHED_RR request of <see cref="Start"/> was granted.</summary>
    public bool RealtimeApplied { get; private set; }

    /// <summary>Stops the reading thread (within 100 ms) and waits for it.</summary>
    public void Stop()
    {
        _stopping = true;
        _thread?.Join();
    }

    public void Dispose()
    {
        Stop();
        _socket.Dispose();
    }

    private void Loop(DatagramHandler handler)
    {
        byte[] buffers = GC.AllocateArray<byte>(Batch * SlotSize, pinned: true);
        byte[] controls = GC.AllocateArray<byte>(Batch * ControlSize, pinned: true);
        byte[] names = GC.AllocateArray<byte>(Batch * 16, pinned: true);
        var iovs = new IoVec[Batch];
        var messages = new MMsgHdr[Batch];
        fixed (byte* data = buffers, control = controls, name = names)
        fixed (IoVec* iov = iovs)
        fixed (MMsgHdr* msgs = messages)
        {
            for (int i = 0; i < Batch; i++)
            {
                iov[i].Base = data + (i * SlotSize);
                iov[i].Length = SlotSize;
                msgs[i].Header.Iov = &iov[i];
                msgs[i].Header.IovLength = 1;
                msgs[i].Header.Name = name + (i * 16);
                msgs[i].Header.Control = control + (i * ControlSize);
            }
            while (!_stopping)
            {
                for (int i = 0; i < Batch; i++)
                {
                    msgs[i].Header.NameLength = 16;
                    msgs[i].Header.ControlLength = ControlSize;
                    msgs[i].Header.Flags = 0;
                }
                // Polled, not blocked: on loopback the sender's sendmsg delivers the datagram and wakes
                // a reader blocked on the socket, and the kernel charges that wake-up to the sender
                // (perf on the service's pacer thread at 2,000 streams: 31-37 % of its CPU in
                // sock_def_readable). With nobody waiting there is nothing to wake. The kernel's
                // receive stamps keep the timing exact however late the probe reads.
                int count = RecvMMsg(_fd, msgs, Batch, MsgDontWait, null);
                if (count < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno is 11 or 4)
                    {
                        Thread.Sleep(1); // EAGAIN (nothing queued) or EINTR
                        continue;
                    }
                    throw new SocketException(errno);
                }
                Volatile.Write(ref _datagrams, _datagrams + count);
                for (int i = 0; i < count; i++)
                {
                    ref MMsgHdr m = ref msgs[i];
                    long stamp = 0;
                    byte* c = (byte*)m.Header.Control;
                    long controlLength = (long)m.Header.ControlLength;
                    for (long offset = 0; offset + 16 <= controlLength;)
                    {
                        long length = (long)*(ulong*)(c + offset);
                        int level = *(int*)(c + offset + 8);
                        int type = *(int*)(c + offset + 12);
                        if (level == SolSocket && type == SoTimestampns)
                        {
                            stamp = (*(long*)(c + offset + 16) * 1_000_000_000L) + *(long*)(c + offset + 24);
                        }
                        else if (level == SolSocket && type == SoRxqOvfl)
                        {
                            Volatile.Write(ref _kernelDrops, *(uint*)(c + offset + 16));
                        }
                        if (length <= 0)
                        {
                            break;
                        }
                        offset += (length + 7) & ~7L;
                    }
                    if (stamp == 0)
                    {
                        stamp = Clock.NowNs();
                    }
                    byte* sockaddr = (byte*)m.Header.Name;
                    int port = (sockaddr[2] << 8) | sockaddr[3];
                    uint address = *(uint*)(sockaddr + 4);
                    handler(new ReadOnlySpan<byte>(data + (i * SlotSize), (int)m.Length), address, port, stamp);
                }
            }
        }
    }

    private void SetInt(int option, int value) => Check(SetSockOpt(_fd, SolSocket, option, &value, 4), $"option {option}");

    private static void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError(), $"setsockopt {what}");
        }
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int RecvMMsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SchedSetScheduler(int pid, int policy, int* parameter);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }
}
