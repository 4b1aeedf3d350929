using System.Collections.Concurrent;
using System.Net;
using CallService.Sip.Rtp;

namespace CallService.Tests.Support;

/// <summary>Our own RTP receiver on the port a test caller offers: arrival times and payloads.</summary>
public sealed class RtpRecorder : IDisposable
{
    private readonly RtpSocket _socket;
    private readonly ConcurrentQueue<Packet> _packets = new();

    public RtpRecorder()
    {
        Port = FreePort.ForRtp();
        _socket = RtpSocket.Open(new IPEndPoint(IPAddress.Loopback, Port), TimeProvider.System);
        _socket.Start(OnPacket);
    }

    public readonly record struct Packet(DateTime ArrivedUtc, RtpHeader Header, byte[] Payload);

    public int Port { get; }

    public IReadOnlyList<Packet> Packets => _packets.ToArray();

    private void OnPacket(in RtpPacket packet, IPEndPoint remote, long arrivalTimestamp) =>
        _packets.Enqueue(new Packet(DateTime.UtcNow, packet.Header, packet.Payload.ToArray()));

    public void Dispose() => _socket.Dispose();
}
