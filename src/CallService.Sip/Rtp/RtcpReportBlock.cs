using System.Buffers.Binary;

namespace CallService.Sip.Rtp;

/// <summary>One reception report block of an SR or RR (RFC 3550 6.4.1).</summary>
/// <param name="Ssrc">The source this block reports on.</param>
/// <param name="FractionLost">Fraction lost since the previous report, in 1/256 units.</param>
/// <param name="CumulativeLost">Packets lost since the start of reception (24-bit signed on the wire).</param>
/// <param name="ExtendedHighestSequence">Cycles in the high 16 bits, highest sequence received in the low 16.</param>
/// <param name="Jitter">Interarrival jitter in timestamp units (RFC 3550 A.8).</param>
/// <param name="LastSenderReport">LSR: middle 32 bits of the NTP timestamp of the last SR received, or 0.</param>
/// <param name="DelaySinceLastSenderReport">DLSR: delay since that SR in 1/65536 s, or 0.</param>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>Size of a report block on the wire.</summary>
    public const int Size = 24;

    /// <summary>RFC 3550 6.4.1: cumulative lost is a signed 24-bit field; larger values are clamped.</summary>
    public const int MaxCumulativeLost = 0x7FFFFF;

    /// <summary>The smallest cumulative loss a report can carry (duplicates can make it negative).</summary>
    public const int MinCumulativeLost = -0x800000;

    internal static RtcpReportBlock Read(ReadOnlySpan<byte> source)
    {
        int lost = (source[5] << 16) | (source[6] << 8) | source[7];
        if ((lost & 0x800000) != 0)
        {
            lost -= 0x1000000; // sign-extend the 24-bit field
        }

        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(source),
            source[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[20..]));
    }

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        destination[4] = FractionLost;
        int lost = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost) & 0xFFFFFF;
        destination[5] = (byte)(lost >> 16);
        destination[6] = (byte)(lost >> 8);
        destination[7] = (byte)lost;
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }
}
