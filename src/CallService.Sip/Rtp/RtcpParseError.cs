namespace CallService.Sip.Rtp;

/// <summary>Why bytes were rejected as RTCP (RFC 3550 6.4-6.6 formats, A.2 validity checks).</summary>
public enum RtcpParseError
{
    /// <summary>The packet is valid.</summary>
    None = 0,

    /// <summary>Shorter than the 4-byte common header, or than the length it announces.</summary>
    TooShort,

    /// <summary>The version field is not 2.</summary>
    UnsupportedVersion,

    /// <summary>The packet type is not one of SR, RR, SDES, BYE, APP (200-204).</summary>
    UnknownPacketType,

    /// <summary>The body is too short for the report blocks, sources or items its count announces.</summary>
    BodyTooShort,

    /// <summary>The P bit is set but the padding count is 0, unaligned or larger than the body.</summary>
    InvalidPadding,

    /// <summary>RFC 3550 A.2: a compound packet must begin with an SR or RR.</summary>
    CompoundMustStartWithReport,

    /// <summary>RFC 3550 A.2: only the last packet of a compound may carry padding.</summary>
    PaddingNotLast,
}
