using System.Net;
using System.Net.Sockets;

namespace CallService.Sip.Rtp;

/// <summary>
/// <see cref="IRtpSender"/> over a UDP socket. The remote address is serialized once per change
/// (not per packet) and sent with <c>Socket.SendTo(span, flags, SocketAddress)</c>, which allocates
/// nothing. Send failures (ICMP unreachable, socket closed by a hang-up racing the pacer) are
/// counted, never thrown: RTP tolerates loss and the pacer must keep going.
/// </summary>
public sealed class UdpRtpSender : IRtpSender
{
    private readonly Socket _socket;
    private volatile Target? _target;
    private long _sendErrors;

    public UdpRtpSender(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _socket = socket;
    }

    /// <summary>Datagrams the socket refused.</summary>
    public long SendErrors => Volatile.Read(ref _sendErrors);

    public void Send(ReadOnlySpan<byte> packet, EndPoint remote)
    {
        Target? target = _target;
        if (target is null || !ReferenceEquals(target.EndPoint, remote))
        {
            target = new Target(remote, Serialize(remote));
            _target = target;
        }

        try
        {
            _socket.SendTo(packet, SocketFlags.None, target.Address);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _sendErrors);
        }
    }

    private SocketAddress Serialize(EndPoint remote)
    {
        // A dual-mode IPv6 socket reaches IPv4 peers through IPv4-mapped addresses.
        if (remote is IPEndPoint ip
            && ip.AddressFamily == AddressFamily.InterNetwork
            && _socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return new IPEndPoint(ip.Address.MapToIPv6(), ip.Port).Serialize();
        }

        return remote.Serialize();
    }

    private sealed record Target(EndPoint EndPoint, SocketAddress Address);
}
