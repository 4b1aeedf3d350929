namespace CallService.Sip.Transport;

/// <summary>
/// Receives every inbound message synchronously on the transport's receive loop. It must be quick: parse, then
/// hand off (queue/channel) anything slow. An exception it throws is caught, counted and logged by the transport;
/// it never stops the loop. <see cref="SipInboundPacket.Data"/> is only valid during the call.
/// </summary>
public delegate void SipInboundPacketHandler(in SipInboundPacket packet);
