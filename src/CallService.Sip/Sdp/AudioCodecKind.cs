namespace CallService.Sip.Sdp;

/// <summary>The audio codecs CallService speaks.</summary>
public enum AudioCodecKind
{
    /// <summary>G.711 mu-law, static payload type 0 (RFC 3551 4.5.14).</summary>
    Pcmu,

    /// <summary>G.711 A-law, static payload type 8 (RFC 3551 4.5.14).</summary>
    Pcma,

    /// <summary>G.722, static payload type 9, RTP clock 8000 though sampled at 16 kHz (RFC 3551 4.5.2).</summary>
    G722,
}
