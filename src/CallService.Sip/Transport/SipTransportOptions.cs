using System.Net;

namespace CallService.Sip.Transport;

/// <summary>Where and how <see cref="SipTransportManager"/> listens. Checked by <see cref="Validate"/> at start.</summary>
public sealed class SipTransportOptions
{
    /// <summary>The largest UDP payload IPv4 can carry (65,535 - 8 UDP - 20 IP header bytes).</summary>
    public const int MaxUdpPayload = 65_507;

    /// <summary>
    /// Listening endpoints, e.g. udp:0.0.0.0:5060, tcp:0.0.0.0:5060, udp:[::]:5060. Port 0 picks a free port (a
    /// TCP and a UDP listener on the same address with port 0 try to share one). IPv6 sockets are IPv6-only
    /// (no dual-stack mapping): list 0.0.0.0 and :: separately to serve both families.
    /// </summary>
    public IList<SipEndPoint> ListenEndPoints { get; init; } = [];

    /// <summary>SO_RCVBUF for UDP and TCP sockets, to absorb bursts (registration storms). Linux caps it at net.core.rmem_max.</summary>
    public int SocketReceiveBufferSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>SO_SNDBUF for UDP and TCP sockets. Linux caps it at net.core.wmem_max.</summary>
    public int SocketSendBufferSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Datagrams longer than this are dropped on receive and refused on send.</summary>
    public int MaxDatagramSize { get; init; } = MaxUdpPayload;

    /// <summary>TCP: a header block (start-line to CRLFCRLF) longer than this closes the connection.</summary>
    public int MaxHeaderBlockSize { get; init; } = 64 * 1024;

    /// <summary>TCP: a Content-Length larger than this closes the connection.</summary>
    public int MaxBodySize { get; init; } = 64 * 1024;

    /// <summary>TCP: most connections open at once (accepted plus opened); beyond it accepts are closed at once.</summary>
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>TCP: a connection with no bytes in either direction for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>TCP: how long an outbound connect may take before the send fails with ConnectTimeout.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>TCP: a send that cannot complete in this time (peer not reading) closes the connection.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often idle connections are looked for (one timer for all connections).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>TCP listen backlog.</summary>
    public int ListenBacklog { get; init; } = 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting and how to fix it.</summary>
    public void Validate()
    {
        if (ListenEndPoints is null || ListenEndPoints.Count == 0)
        {
            throw Bad(nameof(ListenEndPoints), "list at least one endpoint, e.g. udp 0.0.0.0:5060");
        }

        foreach (SipEndPoint listen in ListenEndPoints)
        {
            if (listen.EndPoint is null)
            {
                throw Bad(nameof(ListenEndPoints), "every entry needs an IP endpoint");
            }

            if (listen.Protocol is not (SipProtocol.Udp or SipProtocol.Tcp))
            {
                throw Bad(nameof(ListenEndPoints), $"{listen.Protocol} is not supported yet; use Udp or Tcp");
            }

            if (listen.EndPoint.Address.IsIPv4MappedToIPv6)
            {
                throw Bad(nameof(ListenEndPoints), $"{listen.EndPoint} is IPv4-mapped; write the IPv4 address");
            }
        }

        for (int i = 0; i < ListenEndPoints.Count; i++)
        {
            for (int j = i + 1; j < ListenEndPoints.Count; j++)
            {
                if (ListenEndPoints[i] == ListenEndPoints[j] && ListenEndPoints[i].EndPoint.Port != 0)
                {
                    throw Bad(nameof(ListenEndPoints), $"{ListenEndPoints[i]} is listed twice");
                }
            }
        }

        Positive(nameof(SocketReceiveBufferSize), SocketReceiveBufferSize);
        Positive(nameof(SocketSendBufferSize), SocketSendBufferSize);
        if (MaxDatagramSize is < 1 or > MaxUdpPayload + 20)
        {
            throw Bad(nameof(MaxDatagramSize), $"use 1..{MaxUdpPayload + 20} (IPv6 allows 65,527)");
        }

        if (MaxHeaderBlockSize < 64)
        {
            throw Bad(nameof(MaxHeaderBlockSize), "use at least 64 bytes (64 KiB is usual)");
        }

        if (MaxBodySize < 0 || (long)MaxHeaderBlockSize + MaxBodySize > 16 * 1024 * 1024)
        {
            throw Bad(nameof(MaxBodySize), "use 0 or more, with header block + body at most 16 MiB");
        }

        Positive(nameof(MaxConnections), MaxConnections);
        Positive(nameof(ListenBacklog), ListenBacklog);
        Positive(nameof(IdleTimeout), IdleTimeout);
        Positive(nameof(ConnectTimeout), ConnectTimeout);
        Positive(nameof(SendTimeout), SendTimeout);
        Positive(nameof(HeartbeatInterval), HeartbeatInterval);
    }

    private static void Positive(string name, int value)
    {
        if (value <= 0)
        {
            throw Bad(name, "use a value greater than 0");
        }
    }

    private static void Positive(string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
        {
            throw Bad(name, "use a positive, finite duration");
        }
    }

    private static ArgumentException Bad(string name, string fix) =>
        new($"SipTransport:{name} is invalid: {fix}.", name);

    internal static bool IsWildcard(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
