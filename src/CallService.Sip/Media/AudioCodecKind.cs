namespace CallService.Sip.Media;

/// <summary>
/// The audio codecs the service speaks on RTP (RFC 3551 table 4): G.711 mu-law and A-law and G.722.
/// </summary>
public enum AudioCodecKind
{
    /// <summary>ITU-T G.711 mu-law, static payload type 0 (RFC 3551 4.5.14).</summary>
    Pcmu,

    /// <summary>ITU-T G.711 A-law, static payload type 8 (RFC 3551 4.5.14).</summary>
    Pcma,

    /// <summary>ITU-T G.722 at 64 kbit/s, static payload type 9 (RFC 3551 4.5.2).</summary>
    G722,
}
