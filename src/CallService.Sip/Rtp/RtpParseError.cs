namespace CallService.Sip.Rtp;

/// <summary>Why a datagram was rejected as an RTP packet (RFC 3550 5.1, A.1 header validity checks).</summary>
public enum RtpParseError
{
    /// <summary>The packet is valid.</summary>
    None = 0,

    /// <summary>Shorter than the 12-byte fixed header.</summary>
    TooShort,

    /// <summary>The version field is not 2.</summary>
    UnsupportedVersion,

    /// <summary>The CSRC list announced by CC runs past the end of the datagram.</summary>
    CsrcTruncated,

    /// <summary>The header extension (X bit) runs past the end of the datagram.</summary>
    ExtensionTruncated,

    /// <summary>The P bit is set but the padding count is 0 or larger than the payload.</summary>
    InvalidPadding,
}
