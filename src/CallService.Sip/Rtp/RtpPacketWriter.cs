using System.Buffers.Binary;

namespace CallService.Sip.Rtp;

/// <summary>Writes RTP packets into caller-provided buffers (RFC 3550 5.1). No allocation.</summary>
public static class RtpPacketWriter
{
    /// <summary>
    /// Writes the 12-byte fixed header (V=2, no padding, no extension, no CSRC) and returns 12.
    /// The payload goes right after it, at <c>destination[RtpHeader.FixedSize..]</c>.
    /// </summary>
    public static int WriteHeader(Span<byte> destination, in RtpHeader header)
    {
        if (destination.Length < RtpHeader.FixedSize)
        {
            throw new ArgumentException("Destination is shorter than the RTP fixed header.", nameof(destination));
        }

        destination[0] = RtpHeader.Version << 6;
        destination[1] = (byte)((header.Marker ? 0x80 : 0) | (header.PayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], header.Ssrc);
        return RtpHeader.FixedSize;
    }

    /// <summary>
    /// Writes a complete packet: fixed header, the CSRC list (CC = its length, at most 15) and the
    /// payload. Returns false when <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryWrite(
        Span<byte> destination,
        in RtpHeader header,
        ReadOnlySpan<uint> csrcs,
        ReadOnlySpan<byte> payload,
        out int written)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(csrcs.Length, RtpHeader.MaxCsrcCount, nameof(csrcs));
        int total = RtpHeader.FixedSize + (4 * csrcs.Length) + payload.Length;
        if (destination.Length < total)
        {
            written = 0;
            return false;
        }

        WriteHeader(destination, header);
        destination[0] |= (byte)csrcs.Length;
        int offset = RtpHeader.FixedSize;
        foreach (uint csrc in csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }

        payload.CopyTo(destination[offset..]);
        written = total;
        return true;
    }
}
