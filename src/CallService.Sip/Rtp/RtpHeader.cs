namespace CallService.Sip.Rtp;

/// <summary>
/// The fields of an RTP fixed header that a sender chooses (RFC 3550 5.1). Version is always 2;
/// padding, extension and CSRCs are not produced by this stack's senders.
/// </summary>
public readonly record struct RtpHeader(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc)
{
    /// <summary>RFC 3550 5.1: the fixed header is 12 octets.</summary>
    public const int FixedSize = 12;

    /// <summary>RFC 3550 5.1: the version this stack speaks.</summary>
    public const int Version = 2;

    /// <summary>RFC 3550 5.1: CC is a 4-bit field.</summary>
    public const int MaxCsrcCount = 15;
}
