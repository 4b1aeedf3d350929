using CallService.Sip.Rtp;

namespace CallService.Sip.Media;

/// <summary>
/// An audio packet received on <paramref name="leg"/>; <paramref name="packet"/> views the receive
/// buffer and is valid only during the call (copy what must outlive it).
/// </summary>
public delegate void MediaLegPacketHandler(MediaLeg leg, in RtpPacket packet);
