using System.Net;

namespace CallService.Sip.Rtp;

/// <summary>
/// A valid RTP packet arrived from <paramref name="remote"/> at <paramref name="arrivalTimestamp"/>
/// (the socket's TimeProvider timestamp). The packet's spans point into the receive buffer and are
/// valid only during the call; copy what must outlive it. Runs on the socket's receive loop.
/// </summary>
public delegate void RtpPacketHandler(in RtpPacket packet, IPEndPoint remote, long arrivalTimestamp);

/// <summary>
/// A valid compound RTCP packet (RFC 3550 A.2) arrived on the socket (rtcp-mux, RFC 5761), e.g.
/// to be read with <see cref="RtcpCompoundReader"/>. Same lifetime rules as <see cref="RtpPacketHandler"/>.
/// </summary>
public delegate void RtcpPacketHandler(ReadOnlySpan<byte> compound, IPEndPoint remote, long arrivalTimestamp);
