namespace CallService.Sip.Rtp;

/// <summary>
/// Tells RTCP from RTP when both arrive on one port (rtcp-mux, RFC 5761 4). An RTP packet's second
/// octet is marker + payload type; RTCP's is the packet type SR..APP (200-204). RFC 5761 4 forbids
/// RTP payload types 64-95 on a muxed session precisely so those octets never collide.
/// </summary>
public static class RtpDemultiplexer
{
    /// <summary>True when the datagram starts like an RTCP packet (V=2, packet type 200-204).</summary>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) =>
        datagram.Length >= RtcpPacket.HeaderSize
        && datagram[0] >> 6 == RtpHeader.Version
        && datagram[1] is >= (byte)RtcpPacketType.SenderReport and <= (byte)RtcpPacketType.ApplicationDefined;
}
