namespace CallService.Sip.Rtp;

/// <summary>Validity checks on whole compound RTCP datagrams (RFC 3550 6.1, A.2).</summary>
public static class RtcpCompound
{
    /// <summary>
    /// RFC 3550 A.2: every packet is version 2 and well formed, the first is an SR or RR, only the
    /// last carries padding, and the packets' lengths add up to the datagram's length.
    /// </summary>
    public static RtcpParseError Validate(ReadOnlySpan<byte> compound)
    {
        var reader = new RtcpCompoundReader(compound);
        bool first = true;
        int consumed = 0;
        while (reader.TryReadNext(out RtcpPacket packet))
        {
            if (first && packet.PacketType is not (RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport))
            {
                return RtcpParseError.CompoundMustStartWithReport;
            }

            consumed += packet.Data.Length;
            if (packet.Padding && consumed != compound.Length)
            {
                return RtcpParseError.PaddingNotLast;
            }

            first = false;
        }

        if (reader.Error != RtcpParseError.None)
        {
            return reader.Error;
        }

        return first ? RtcpParseError.TooShort : RtcpParseError.None;
    }
}
