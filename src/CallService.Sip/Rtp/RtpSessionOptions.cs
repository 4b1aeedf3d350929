namespace CallService.Sip.Rtp;

/// <summary>Settings of an <see cref="RtpSession"/> (one call leg's media).</summary>
public sealed record RtpSessionOptions
{
    /// <summary>The outgoing stream (PT, telephone-event PT, latching, ...).</summary>
    public RtpStreamOptions Stream { get; init; } = new();

    /// <summary>The leg's socket.</summary>
    public RtpSocketOptions Socket { get; init; } = new();

    /// <summary>
    /// PT of telephone-event packets this side receives; null: the stream's
    /// <see cref="RtpStreamOptions.TelephoneEventPayloadType"/>. No DTMF detection when both are null.
    /// </summary>
    public byte? ReceiveTelephoneEventPayloadType { get; init; }

    /// <summary>
    /// RFC 5761: RTCP goes to the RTP address (a=rtcp-mux negotiated). Otherwise it goes to the
    /// remote RTP port + 1 (RFC 3550 11) or to <see cref="RtpSession.SetRtcpRemote"/>'s address.
    /// </summary>
    public bool RtcpMux { get; init; } = true;

    /// <summary>RFC 3550 6.5.1 CNAME; null: a random one per session (RFC 7022).</summary>
    public string? Cname { get; init; }
}
