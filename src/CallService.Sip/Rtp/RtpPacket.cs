using System.Buffers.Binary;

namespace CallService.Sip.Rtp;

/// <summary>
/// A validated, allocation-free view of one RTP packet over the bytes it was parsed from
/// (RFC 3550 5.1). It holds only spans; it is valid as long as the underlying buffer is.
/// </summary>
public readonly ref struct RtpPacket
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _payloadOffset;
    private readonly int _payloadLength;
    private readonly int _extensionOffset;

    private RtpPacket(ReadOnlySpan<byte> data, int payloadOffset, int payloadLength, int extensionOffset)
    {
        _data = data;
        _payloadOffset = payloadOffset;
        _payloadLength = payloadLength;
        _extensionOffset = extensionOffset;
    }

    /// <summary>The whole packet as received.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>V: always 2 for a parsed packet.</summary>
    public int Version => _data[0] >> 6;

    /// <summary>P: the packet carried padding, already excluded from <see cref="Payload"/>.</summary>
    public bool Padding => (_data[0] & 0x20) != 0;

    /// <summary>X: a header extension was present (skipped; see <see cref="ExtensionData"/>).</summary>
    public bool Extension => (_data[0] & 0x10) != 0;

    /// <summary>CC: the number of CSRC identifiers.</summary>
    public int CsrcCount => _data[0] & 0x0F;

    /// <summary>M: profile-defined; for audio the first packet of a talkspurt (RFC 3551 4.1).</summary>
    public bool Marker => (_data[1] & 0x80) != 0;

    /// <summary>PT: 7-bit payload type.</summary>
    public byte PayloadType => (byte)(_data[1] & 0x7F);

    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_data[2..]);

    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]);

    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_data[8..]);

    /// <summary>The payload, without header, CSRCs, extension or padding.</summary>
    public ReadOnlySpan<byte> Payload => _data.Slice(_payloadOffset, _payloadLength);

    /// <summary>RFC 3550 5.3.1: the profile-defined 16 bits of the extension header (0 when absent).</summary>
    public ushort ExtensionProfile =>
        Extension ? BinaryPrimitives.ReadUInt16BigEndian(_data[_extensionOffset..]) : (ushort)0;

    /// <summary>RFC 3550 5.3.1: the extension body after its 4-byte header (empty when absent).</summary>
    public ReadOnlySpan<byte> ExtensionData =>
        Extension ? _data[(_extensionOffset + 4).._payloadOffset] : ReadOnlySpan<byte>.Empty;

    /// <summary>The CSRC at <paramref name="index"/> (0-based, below <see cref="CsrcCount"/>).</summary>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_data[(RtpHeader.FixedSize + (4 * index))..]);
    }

    /// <summary>The sender-chosen header fields of this packet.</summary>
    public RtpHeader Header => new(Marker, PayloadType, SequenceNumber, Timestamp, Ssrc);

    /// <summary>
    /// Parses <paramref name="data"/> as an RTP packet. Never throws for bad input: returns false
    /// with the reason in <paramref name="error"/>. Does not tell RTP from RTCP; see
    /// <see cref="RtpDemultiplexer"/> for that.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket packet, out RtpParseError error)
    {
        packet = default;
        if (data.Length < RtpHeader.FixedSize)
        {
            error = RtpParseError.TooShort;
            return false;
        }

        byte first = data[0];
        if (first >> 6 != RtpHeader.Version)
        {
            error = RtpParseError.UnsupportedVersion;
            return false;
        }

        // RFC 3550 5.1: CC CSRC identifiers of 32 bits each follow the fixed header.
        int offset = RtpHeader.FixedSize + (4 * (first & 0x0F));
        if (offset > data.Length)
        {
            error = RtpParseError.CsrcTruncated;
            return false;
        }

        int extensionOffset = 0;
        if ((first & 0x10) != 0)
        {
            // RFC 3550 5.3.1: 16-bit profile field, 16-bit length in 32-bit words excluding this header.
            if (offset + 4 > data.Length)
            {
                error = RtpParseError.ExtensionTruncated;
                return false;
            }

            extensionOffset = offset;
            int words = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            offset += 4 + (4 * words);
            if (offset > data.Length)
            {
                error = RtpParseError.ExtensionTruncated;
                return false;
            }
        }

        int end = data.Length;
        if ((first & 0x20) != 0)
        {
            // RFC 3550 5.1: the last octet of the padding counts the padding octets, itself included.
            int padding = data[^1];
            if (padding == 0 || padding > end - offset)
            {
                error = RtpParseError.InvalidPadding;
                return false;
            }

            end -= padding;
        }

        packet = new RtpPacket(data, offset, end - offset, extensionOffset);
        error = RtpParseError.None;
        return true;
    }
}
