using System.Net;
using CallService.Sip.Media;
using CallService.Sip.Rtp;

namespace CallService.Tests.Rtp;

/// <summary>A source whose frames are <c>size</c> bytes of a running counter; optionally one-shot.</summary>
internal sealed class CountingSource(byte tag, int size = 160, int? frames = null) : IMediaSource
{
    public int FramesRead { get; private set; }

    public bool IsFinished => frames is int limit && FramesRead >= limit;

    public int ReadFrame(Span<byte> payload)
    {
        if (IsFinished)
        {
            return 0;
        }

        payload[..size].Fill(tag);
        payload[1] = (byte)FramesRead;
        FramesRead++;
        return size;
    }
}

/// <summary>Returns 0 ("nothing this tick") for the ticks listed, otherwise a 160-byte frame.</summary>
internal sealed class GappySource(params int[] silentTicks) : IMediaSource
{
    private int _tick;

    public bool IsFinished => false;

    public int ReadFrame(Span<byte> payload)
    {
        int tick = _tick++;
        if (Array.IndexOf(silentTicks, tick) >= 0)
        {
            return 0;
        }

        payload[..160].Fill(0x55);
        return 160;
    }
}

internal sealed class ThrowingSource : IMediaSource
{
    public bool IsFinished => false;

    public int ReadFrame(Span<byte> payload) => throw new InvalidOperationException("broken source");
}

/// <summary>Keeps a copy of every datagram sent.</summary>
internal sealed class CapturingSender : IRtpSender
{
    private readonly Lock _gate = new();

    public List<(byte[] Packet, EndPoint Remote)> Sent { get; } = [];

    public void Send(ReadOnlySpan<byte> packet, EndPoint remote)
    {
        lock (_gate)
        {
            Sent.Add((packet.ToArray(), remote));
        }
    }

    public RtpHeader HeaderAt(int index)
    {
        Assert.True(RtpPacket.TryParse(Sent[index].Packet, out RtpPacket packet, out RtpParseError error), error.ToString());
        return packet.Header;
    }

    public byte[] PayloadAt(int index)
    {
        Assert.True(RtpPacket.TryParse(Sent[index].Packet, out RtpPacket packet, out _));
        return packet.Payload.ToArray();
    }
}

internal static class RtpTestData
{
    public static readonly IPEndPoint Remote = new(IPAddress.Loopback, 40000);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
}
