namespace CallService.Sip.Media;

/// <summary>
/// Counters of one direction of a <see cref="MediaBridge"/> since the bridge was made (a snapshot).
/// Every pacer tick of the listening leg while the direction is bridged plays exactly one of: a
/// talker frame (<see cref="FramesPlayed"/>), a repeat of the last one, or silence; the last two
/// happen on an underrun.
/// </summary>
/// <param name="PacketsReceived">Audio packets of the talker taken into the buffer.</param>
/// <param name="FramesBuffered">20 ms frames made from them (after transcoding) and buffered.</param>
/// <param name="FramesPlayed">Buffered frames the listener's stream sent.</param>
/// <param name="Overruns">Frames dropped, oldest first, because the buffer was full (talker faster than the pacer, or a burst).</param>
/// <param name="Underruns">Ticks that found the buffer empty (talker late, lost, or silent).</param>
/// <param name="FramesRepeated">Underrun ticks filled by repeating the last frame.</param>
/// <param name="SilenceFrames">Underrun ticks filled with the listener codec's silence.</param>
/// <param name="LatePackets">Packets dropped because a later one was already buffered (RFC 3550 A.1 misorder window).</param>
/// <param name="OtherPayloadPackets">Packets of another payload type than the negotiated audio (e.g. comfort noise), not bridged.</param>
/// <param name="DigitsRelayed">RFC 4733 digits of the talker re-sent to the listener.</param>
/// <param name="DigitsNotRelayed">Digits that could not be re-sent (no telephone-event agreed with the listener).</param>
public readonly record struct BridgePathStatistics(
    long PacketsReceived,
    long FramesBuffered,
    long FramesPlayed,
    long Overruns,
    long Underruns,
    long FramesRepeated,
    long SilenceFrames,
    long LatePackets,
    long OtherPayloadPackets,
    long DigitsRelayed,
    long DigitsNotRelayed);
