using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace CallService.Sip.Rtp;

/// <summary>
/// Reads when the kernel received the last datagram on a socket (Linux SIOCGSTAMP), so arrival
/// times do not include how long the receive loop waited for a thread. Costs one ioctl per packet.
/// </summary>
internal static class KernelReceiveTimestamp
{
    private const ulong SiocGStamp = 0x8906; // SIOCGSTAMP(_OLD): struct timeval of the last packet

    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>
    /// Turns stamping on for the socket. The kernel starts stamping a socket's packets on its first
    /// SIOCGSTAMP (and answers "now" for a packet queued before that), so ask once at creation.
    /// </summary>
    public static void Enable(Socket socket) => TryGetLast(socket, out _);

    /// <summary>The kernel receive time of the last datagram read from <paramref name="socket"/>, in Unix microseconds.</summary>
    public static bool TryGetLast(Socket socket, out long unixMicroseconds)
    {
        unixMicroseconds = 0;
        if (!IsSupported)
        {
            return false;
        }

        bool added = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref added);
            int fd = (int)socket.SafeHandle.DangerousGetHandle();
            if (NativeMethods.ioctl(fd, SiocGStamp, out Timeval value) != 0)
            {
                return false; // ENOENT until the first stamped packet: timestamping starts on first use
            }

            unixMicroseconds = (value.Seconds * 1_000_000) + value.Microseconds;
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (added)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timeval
    {
        public long Seconds;
        public long Microseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int ioctl(int fd, ulong request, out Timeval value);
    }
}
