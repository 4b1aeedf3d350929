using System.Net;
using System.Net.Sockets;

namespace CallService.Tests.Support;

/// <summary>Free loopback ports, probed rather than assumed: other processes may hold 5060-5090.</summary>
public static class FreePort
{
    private static int _next = 20000 + Environment.ProcessId % 10000;

    /// <summary>A port free for both UDP and TCP on 127.0.0.1 (SIP listens on both).</summary>
    public static int ForSip() => Find(udp: true, tcp: true, even: false);

    /// <summary>An even port free for UDP (RTP, RFC 3550 11), with the next one free for RTCP.</summary>
    public static int ForRtp() => Find(udp: true, tcp: false, even: true);

    private static int Find(bool udp, bool tcp, bool even)
    {
        for (int attempt = 0; attempt < 2000; attempt++)
        {
            int port = Interlocked.Add(ref _next, even ? 2 : 1);
            if (even && port % 2 != 0)
            {
                port = Interlocked.Increment(ref _next);
            }
            if (port > 48000)
            {
                Interlocked.Exchange(ref _next, 20000);
                continue;
            }
            if ((!udp || UdpFree(port) && (!even || UdpFree(port + 1))) && (!tcp || TcpFree(port)))
            {
                return port;
            }
        }
        throw new InvalidOperationException("No free loopback port found.");
    }

    private static bool UdpFree(int port)
    {
        try
        {
            using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool TcpFree(int port)
    {
        try
        {
            using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
