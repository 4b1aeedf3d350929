using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace CallService.Sip.Transport;

/// <summary>A received packet copied out of the transport's borrowed buffer.</summary>
internal sealed record ReceivedCopy(byte[] Data, SipEndPoint Remote, SipEndPoint Local, long ConnectionId, long Timestamp)
{
    public string Text => Encoding.UTF8.GetString(Data);

    public SipFlow Flow => new(Local, Remote, ConnectionId);
}

/// <summary>Collects packets from a transport's handler, copying them (Data is only valid during the call).</summary>
internal sealed class PacketCollector
{
    private readonly Channel<ReceivedCopy> _packets = Channel.CreateUnbounded<ReceivedCopy>();

    public void Handle(in SipInboundPacket packet) =>
        _packets.Writer.TryWrite(new ReceivedCopy(packet.Data.ToArray(), packet.Remote, packet.Local, packet.ConnectionId, packet.ReceivedTimestamp));

    public async Task<ReceivedCopy> NextAsync() => await _packets.Reader.ReadAsync().AsTask().WaitAsync(TransportTestKit.WaitBound);

    public bool TryNext(out ReceivedCopy? packet) => _packets.Reader.TryRead(out packet);
}

internal static class TransportTestKit
{
    /// <summary>The bound on every wait for something to arrive on loopback.</summary>
    public static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(15);

    private static readonly Lazy<bool> Ipv6Loopback = new(() =>
    {
        if (!Socket.OSSupportsIPv6)
        {
            return false;
        }

        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    });

    /// <summary>Whether ::1 can be bound here (Socket.OSSupportsIPv6 and a bind attempt).</summary>
    public static bool Ipv6LoopbackAvailable => Ipv6Loopback.Value;

    public static IPAddress Parse(string address) => IPAddress.Parse(address);

    public static SipEndPoint Udp(string address, int port = 0) => new(SipProtocol.Udp, new IPEndPoint(IPAddress.Parse(address), port));

    public static SipEndPoint Tcp(string address, int port = 0) => new(SipProtocol.Tcp, new IPEndPoint(IPAddress.Parse(address), port));

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static string Request(string method, int bodyLength = 0, string lengthHeader = "Content-Length") =>
        $"{method} sip:desk@example.com SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK{method}{bodyLength}\r\n" +
        $"Call-ID: {method}-{bodyLength}\r\nCSeq: 1 {method}\r\n{lengthHeader}: {bodyLength}\r\n\r\n" + new string('b', bodyLength);

    /// <summary>
    /// True when IPv6 tests can run; otherwise asserts explicitly that this OS has no usable ::1 (so a skipped
    /// family is visible in the test's meaning, not a silent pass) and returns false.
    /// </summary>
    public static bool RequireFamily(string address)
    {
        if (IPAddress.Parse(address).AddressFamily != AddressFamily.InterNetworkV6 || Ipv6LoopbackAvailable)
        {
            return true;
        }

        // Say so explicitly: either the OS has no IPv6 at all, or binding ::1 really fails here.
        if (Socket.OSSupportsIPv6)
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            Assert.Throws<SocketException>(() => probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0)));
        }
        else
        {
            Assert.False(Socket.OSSupportsIPv6);
        }

        return false;
    }

    public static async Task<SipTransportManager> StartAsync(TimeProvider time, Action<SipTransportOptionsBuilder>? configure, params SipEndPoint[] listen)
    {
        var builder = new SipTransportOptionsBuilder();
        configure?.Invoke(builder);
        var manager = new SipTransportManager(builder.Build(listen), time);
        await manager.StartAsync(CancellationToken.None);
        return manager;
    }

    public static Task<SipTransportManager> StartAsync(params SipEndPoint[] listen) => StartAsync(TimeProvider.System, null, listen);

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; polls, as the socket side has no event to await.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitBound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(2);
        }
    }

    /// <summary>A raw client socket connected to <paramref name="endPoint"/>.</summary>
    public static async Task<Socket> ConnectAsync(SipEndPoint endPoint)
    {
        var socket = new Socket(endPoint.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint.EndPoint).WaitAsync(WaitBound);
        return socket;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes (bounded wait).</summary>
    public static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        byte[] buffer = new byte[count];
        int read = 0;
        using var cts = new CancellationTokenSource(WaitBound);
        while (read < count)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cts.Token);
            Assert.True(n > 0, $"connection closed after {read} of {count} bytes");
            read += n;
        }

        return buffer;
    }

    /// <summary>True when the peer closed (EOF or reset) within the bound; fails if data arrives instead.</summary>
    public static async Task<bool> WaitForCloseAsync(Socket socket)
    {
        byte[] buffer = new byte[1];
        using var cts = new CancellationTokenSource(WaitBound);
        try
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            Assert.Equal(0, n);
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }
}

/// <summary>Test options with small, quick limits.</summary>
internal sealed class SipTransportOptionsBuilder
{
    public int MaxDatagramSize { get; set; } = SipTransportOptions.MaxUdpPayload;

    public int MaxConnections { get; set; } = 100;

    public int MaxHeaderBlockSize { get; set; } = 64 * 1024;

    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public SipTransportOptions Build(SipEndPoint[] listen) => new()
    {
        ListenEndPoints = listen,
        MaxDatagramSize = MaxDatagramSize,
        MaxConnections = MaxConnections,
        MaxHeaderBlockSize = MaxHeaderBlockSize,
        IdleTimeout = IdleTimeout,
        ConnectTimeout = ConnectTimeout,
    };
}
