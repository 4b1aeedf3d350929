using System.Collections.Concurrent;
using System.Net;
using CallService.Sip.Media;
using CallService.Sip.Rtp;
using CallService.Tests.Support;

namespace CallService.Tests.Product;

/// <summary>
/// The caller's media for the hold tests, on the port a sipp caller offers: records what the service sends
/// (arrival time, payload, sender) and presses keys as RFC 4733 telephone events from the same socket,
/// so the service hears them from the address and port its SDP answer was sent to.
/// </summary>
public sealed class HoldCallerRtp : IDisposable
{
    private const byte TelephoneEventPayloadType = 101; // as samples/sipp/caller-waits-for-bye.xml offers it
    private readonly RtpSocket _socket;
    private readonly ConcurrentQueue<RtpRecorder.Packet> _packets = new();
    private readonly uint _ssrc = (uint)Random.Shared.Next();
    private IPEndPoint? _service;
    private ushort _sequence = (ushort)Random.Shared.Next(ushort.MaxValue);

    public HoldCallerRtp()
    {
        Port = FreePort.ForRtp();
        // Kernel receive stamps: arrival times do not include how long this test process, on a loaded
        // machine, took to read the packet.
        _socket = RtpSocket.Open(new IPEndPoint(IPAddress.Loopback, Port), TimeProvider.System, new RtpSocketOptions { KernelTimestamps = true });
        _socket.Start(OnPacket);
    }

    public int Port { get; }

    public IReadOnlyList<RtpRecorder.Packet> Packets => _packets.ToArray();

    private void OnPacket(in RtpPacket packet, IPEndPoint remote, long arrivalTimestamp)
    {
        // The arrival stamp is on the monotonic clock: its age now, taken from the wall clock now.
        var arrived = DateTime.UtcNow - TimeProvider.System.GetElapsedTime(arrivalTimestamp);
        _packets.Enqueue(new RtpRecorder.Packet(arrived, packet.Header, packet.Payload.ToArray()));
        Volatile.Write(ref _service, remote);
    }

    /// <summary>The packets that arrived in [from, to), decoded as PCMU.</summary>
    public short[] DecodedBetween(DateTime from, DateTime to, out IReadOnlyList<RtpRecorder.Packet> packets)
    {
        packets = Packets.Where(p => p.ArrivedUtc >= from && p.ArrivedUtc < to).ToList();
        return AudioMatch.Decode(AudioCodecKind.Pcmu, packets.Select(p => (ReadOnlyMemory<byte>)p.Payload));
    }

    /// <summary>One key press of 100 ms (RFC 4733 2.5.1): five updates 20 ms apart, the first with the
    /// marker, all with the event's timestamp, then the end packet three times.</summary>
    public async Task PressAsync(char digit, CancellationToken cancellationToken = default)
    {
        var service = Volatile.Read(ref _service) ?? throw new InvalidOperationException("No RTP from the service yet: nowhere to send the key.");
        Assert.True(DtmfEvent.TryGetEventCode(digit, out byte code));
        uint timestamp = (uint)Random.Shared.Next();
        var buffer = new byte[RtpHeader.FixedSize + DtmfEvent.Size];
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        for (int i = 1; i <= 8; i++)
        {
            int frames = Math.Min(i, 5);
            bool end = i >= 5;
            var header = new RtpHeader(i == 1, TelephoneEventPayloadType, _sequence++, timestamp, _ssrc);
            int written = Write(buffer, header, new DtmfEvent(code, end, 10, (ushort)(frames * 160)));
            _socket.Send(buffer.AsSpan(0, written), service);
            await tick.WaitForNextTickAsync(cancellationToken);
        }
    }

    private static int Write(byte[] buffer, in RtpHeader header, DtmfEvent dtmf)
    {
        Span<byte> payload = stackalloc byte[DtmfEvent.Size];
        dtmf.WriteTo(payload);
        Assert.True(RtpPacketWriter.TryWrite(buffer, header, [], payload, out int written));
        return written;
    }

    public void Dispose() => _socket.Dispose();
}
