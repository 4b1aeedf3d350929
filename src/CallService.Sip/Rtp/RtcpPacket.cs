using System.Buffers.Binary;

namespace CallService.Sip.Rtp;

/// <summary>
/// An allocation-free view of one RTCP packet inside a (possibly compound) datagram
/// (RFC 3550 6.4-6.6). Parsing checks that the counts announced in the header fit the body, so
/// the accessors below cannot run past it.
/// </summary>
public readonly ref struct RtcpPacket
{
    /// <summary>RFC 3550 6.4.1: the common header is 4 octets (V, P, count, PT, length).</summary>
    public const int HeaderSize = 4;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bodyEnd;

    private RtcpPacket(ReadOnlySpan<byte> data, int bodyEnd)
    {
        _data = data;
        _bodyEnd = bodyEnd;
    }

    /// <summary>The whole packet, header and padding included (its length is a multiple of 4).</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>P: the packet ends with padding (excluded from <see cref="Body"/>).</summary>
    public bool Padding => (_data[0] & 0x20) != 0;

    /// <summary>RC (SR, RR), SC (SDES, BYE) or subtype (APP): the 5-bit count field.</summary>
    public int Count => _data[0] & 0x1F;

    public RtcpPacketType PacketType => (RtcpPacketType)_data[1];

    /// <summary>Bytes after the common header, padding excluded.</summary>
    public ReadOnlySpan<byte> Body => _data[HeaderSize.._bodyEnd];

    /// <summary>
    /// The SSRC of the packet's sender (SR, RR), of the first chunk (SDES), of the first source
    /// (BYE, 0 when SC is 0) or of the APP packet.
    /// </summary>
    public uint Ssrc => Body.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(Body) : 0;

    /// <summary>The sender information of an SR; default for other types.</summary>
    public RtcpSenderInfo SenderInfo
    {
        get
        {
            if (PacketType != RtcpPacketType.SenderReport)
            {
                return default;
            }

            ReadOnlySpan<byte> s = Body[4..];
            return new RtcpSenderInfo(
                BinaryPrimitives.ReadUInt64BigEndian(s),
                BinaryPrimitives.ReadUInt32BigEndian(s[8..]),
                BinaryPrimitives.ReadUInt32BigEndian(s[12..]),
                BinaryPrimitives.ReadUInt32BigEndian(s[16..]));
        }
    }

    /// <summary>Report blocks in an SR or RR; 0 for other types.</summary>
    public int ReportBlockCount =>
        PacketType is RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport ? Count : 0;

    /// <summary>The report block at <paramref name="index"/> of an SR or RR.</summary>
    public RtcpReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportBlockCount);
        int start = 4 + (PacketType == RtcpPacketType.SenderReport ? RtcpSenderInfo.Size : 0);
        return RtcpReportBlock.Read(Body[(start + (index * RtcpReportBlock.Size))..]);
    }

    /// <summary>The sources leaving in a BYE; 0 for other types.</summary>
    public int ByeSourceCount => PacketType == RtcpPacketType.Goodbye ? Count : 0;

    /// <summary>The SSRC/CSRC at <paramref name="index"/> of a BYE.</summary>
    public uint GetByeSource(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ByeSourceCount);
        return BinaryPrimitives.ReadUInt32BigEndian(Body[(4 * index)..]);
    }

    /// <summary>RFC 3550 6.6: the optional "reason for leaving" text of a BYE (UTF-8), or empty.</summary>
    public ReadOnlySpan<byte> ByeReason
    {
        get
        {
            if (PacketType != RtcpPacketType.Goodbye)
            {
                return ReadOnlySpan<byte>.Empty;
            }

            ReadOnlySpan<byte> rest = Body[(4 * Count)..];
            return rest.Length == 0 ? ReadOnlySpan<byte>.Empty : rest.Slice(1, rest[0]);
        }
    }

    /// <summary>
    /// RFC 3550 6.5.1: the CNAME item of the first SDES chunk. Returns false when this is not an
    /// SDES packet or its first chunk has no CNAME.
    /// </summary>
    public bool TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname)
    {
        ssrc = 0;
        cname = default;
        if (PacketType != RtcpPacketType.SourceDescription || Count == 0)
        {
            return false;
        }

        ReadOnlySpan<byte> body = Body;
        ssrc = BinaryPrimitives.ReadUInt32BigEndian(body);
        int offset = 4;
        while (offset < body.Length && body[offset] != 0)
        {
            if (offset + 2 > body.Length || offset + 2 + body[offset + 1] > body.Length)
            {
                return false;
            }

            if (body[offset] == SdesCnameItem)
            {
                cname = body.Slice(offset + 2, body[offset + 1]);
                return true;
            }

            offset += 2 + body[offset + 1];
        }

        return false;
    }

    /// <summary>RFC 3550 6.5.1: SDES item type of CNAME.</summary>
    internal const byte SdesCnameItem = 1;

    /// <summary>
    /// Parses the RTCP packet at the start of <paramref name="data"/>; <paramref name="length"/> is
    /// the number of bytes it occupies (from its length field), so the next packet of a compound
    /// starts there. Never throws for bad input.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpPacket packet, out int length, out RtcpParseError error)
    {
        packet = default;
        length = 0;
        if (data.Length < HeaderSize)
        {
            error = RtcpParseError.TooShort;
            return false;
        }

        if (data[0] >> 6 != RtpHeader.Version)
        {
            error = RtcpParseError.UnsupportedVersion;
            return false;
        }

        byte type = data[1];
        if (type is < (byte)RtcpPacketType.SenderReport or > (byte)RtcpPacketType.ApplicationDefined)
        {
            error = RtcpParseError.UnknownPacketType;
            return false;
        }

        // RFC 3550 6.4.1: length is in 32-bit words minus one, header and padding included.
        int size = (BinaryPrimitives.ReadUInt16BigEndian(data[2..]) + 1) * 4;
        if (size > data.Length)
        {
            error = RtcpParseError.TooShort;
            return false;
        }

        ReadOnlySpan<byte> own = data[..size];
        int bodyEnd = size;
        if ((own[0] & 0x20) != 0)
        {
            int padding = own[^1];
            if (padding == 0 || padding > size - HeaderSize)
            {
                error = RtcpParseError.InvalidPadding;
                return false;
            }

            bodyEnd -= padding;
        }

        error = CheckBody((RtcpPacketType)type, own[0] & 0x1F, own[HeaderSize..bodyEnd]);
        if (error != RtcpParseError.None)
        {
            return false;
        }

        packet = new RtcpPacket(own, bodyEnd);
        length = size;
        return true;
    }

    private static RtcpParseError CheckBody(RtcpPacketType type, int count, ReadOnlySpan<byte> body)
    {
        int needed = type switch
        {
            RtcpPacketType.SenderReport => 4 + RtcpSenderInfo.Size + (count * RtcpReportBlock.Size),
            RtcpPacketType.ReceiverReport => 4 + (count * RtcpReportBlock.Size),
            RtcpPacketType.SourceDescription => count * 8, // each chunk: SSRC + at least one null word
            RtcpPacketType.Goodbye => count * 4,
            _ => 8, // APP: SSRC + 4-character name
        };
        if (body.Length < needed)
        {
            return RtcpParseError.BodyTooShort;
        }

        if (type == RtcpPacketType.Goodbye && body.Length > needed && needed + 1 + body[needed] > body.Length)
        {
            return RtcpParseError.BodyTooShort; // reason length runs past the packet
        }

        return RtcpParseError.None;
    }
}
