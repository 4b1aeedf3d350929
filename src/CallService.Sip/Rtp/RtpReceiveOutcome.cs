namespace CallService.Sip.Rtp;

/// <summary>What <see cref="RtpReceiveStatistics.Update"/> made of a packet.</summary>
public enum RtpReceiveOutcome
{
    /// <summary>A new packet (in order, after a gap, or reordered but not seen before).</summary>
    Accepted,

    /// <summary>A sequence number already received (RFC 3550 A.1 counts these in neither received nor lost).</summary>
    Duplicate,

    /// <summary>
    /// RFC 3550 A.1: a very large sequence jump, dropped until the next packet confirms the new
    /// sequence (the peer restarted without changing SSRC).
    /// </summary>
    SequenceJump,
}
