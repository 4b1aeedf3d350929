using System.Net;

namespace CallService.Sip.Rtp;

/// <summary>
/// Puts one RTP/RTCP datagram on the wire. Called on the pacer thread for every frame, so an
/// implementation must not block, must not allocate per packet, and reports failures by counting
/// them rather than throwing (a lost datagram is not an error in RTP).
/// </summary>
public interface IRtpSender
{
    void Send(ReadOnlySpan<byte> packet, EndPoint remote);
}
