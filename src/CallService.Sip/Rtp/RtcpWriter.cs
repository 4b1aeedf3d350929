using System.Buffers.Binary;

namespace CallService.Sip.Rtp;

/// <summary>
/// Builds RTCP packets into caller-provided buffers (RFC 3550 6.4-6.6). Write them one after the
/// other into the same buffer to form a compound packet (RFC 3550 6.1: SR or RR first, then SDES
/// with CNAME, then BYE when leaving). Each method returns false when the buffer is too small.
/// </summary>
public static class RtcpWriter
{
    /// <summary>RFC 3550 6.4.1: RC is a 5-bit field.</summary>
    public const int MaxReportBlocks = 31;

    public static int SenderReportSize(int reportBlocks) =>
        RtcpPacket.HeaderSize + 4 + RtcpSenderInfo.Size + (reportBlocks * RtcpReportBlock.Size);

    public static int ReceiverReportSize(int reportBlocks) =>
        RtcpPacket.HeaderSize + 4 + (reportBlocks * RtcpReportBlock.Size);

    /// <summary>RFC 3550 6.4.1: SR from <paramref name="ssrc"/> with its sender info and reception reports.</summary>
    public static bool TryWriteSenderReport(
        Span<byte> destination,
        uint ssrc,
        in RtcpSenderInfo senderInfo,
        ReadOnlySpan<RtcpReportBlock> reportBlocks,
        out int written)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reportBlocks.Length, MaxReportBlocks, nameof(reportBlocks));
        written = SenderReportSize(reportBlocks.Length);
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        WriteCommonHeader(destination, reportBlocks.Length, RtcpPacketType.SenderReport, written);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], senderInfo.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], senderInfo.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], senderInfo.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], senderInfo.OctetCount);
        WriteBlocks(destination[28..], reportBlocks);
        return true;
    }

    /// <summary>RFC 3550 6.4.2: RR from <paramref name="ssrc"/> (a participant that has not sent lately).</summary>
    public static bool TryWriteReceiverReport(
        Span<byte> destination,
        uint ssrc,
        ReadOnlySpan<RtcpReportBlock> reportBlocks,
        out int written)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reportBlocks.Length, MaxReportBlocks, nameof(reportBlocks));
        written = ReceiverReportSize(reportBlocks.Length);
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        WriteCommonHeader(destination, reportBlocks.Length, RtcpPacketType.ReceiverReport, written);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        WriteBlocks(destination[8..], reportBlocks);
        return true;
    }

    /// <summary>
    /// RFC 3550 6.5: an SDES packet with one chunk holding only the CNAME item (6.5.1), which every
    /// compound packet must carry. <paramref name="cname"/> is UTF-8, at most 255 bytes.
    /// </summary>
    public static bool TryWriteSourceDescription(
        Span<byte> destination,
        uint ssrc,
        ReadOnlySpan<byte> cname,
        out int written)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cname.Length, 255, nameof(cname));

        // Chunk: SSRC, CNAME item (type, length, text), then 1-4 null octets to the next 32-bit boundary.
        int items = 2 + cname.Length;
        int chunk = 4 + ((items + 4) & ~3);
        written = RtcpPacket.HeaderSize + chunk;
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        WriteCommonHeader(destination, 1, RtcpPacketType.SourceDescription, written);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        destination[8] = RtcpPacket.SdesCnameItem;
        destination[9] = (byte)cname.Length;
        cname.CopyTo(destination[10..]);
        destination[(10 + cname.Length)..written].Clear();
        return true;
    }

    /// <summary>
    /// RFC 3550 6.6: BYE for <paramref name="sources"/> (at most 31) with an optional UTF-8 reason
    /// (at most 255 bytes; empty for none).
    /// </summary>
    public static bool TryWriteBye(
        Span<byte> destination,
        ReadOnlySpan<uint> sources,
        ReadOnlySpan<byte> reason,
        out int written)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sources.Length, MaxReportBlocks, nameof(sources));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reason.Length, 255, nameof(reason));
        int reasonBytes = reason.IsEmpty ? 0 : (1 + reason.Length + 3) & ~3;
        written = RtcpPacket.HeaderSize + (4 * sources.Length) + reasonBytes;
        if (destination.Length < written)
        {
            written = 0;
            return false;
        }

        WriteCommonHeader(destination, sources.Length, RtcpPacketType.Goodbye, written);
        int offset = RtcpPacket.HeaderSize;
        foreach (uint source in sources)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], source);
            offset += 4;
        }

        if (!reason.IsEmpty)
        {
            destination[offset] = (byte)reason.Length;
            reason.CopyTo(destination[(offset + 1)..]);
            destination[(offset + 1 + reason.Length)..written].Clear();
        }

        return true;
    }

    private static void WriteCommonHeader(Span<byte> destination, int count, RtcpPacketType type, int size)
    {
        destination[0] = (byte)((RtpHeader.Version << 6) | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((size / 4) - 1));
    }

    private static void WriteBlocks(Span<byte> destination, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i].Write(destination[(i * RtcpReportBlock.Size)..]);
        }
    }
}
