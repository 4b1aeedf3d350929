namespace CallService.Sip.Sdp;

/// <summary>
/// Why offer/answer found no usable audio. On an offer received, the UAS answers 488 Not Acceptable
/// Here (RFC 3261 13.3.1.4); on an answer received, the UAC ends the call.
/// </summary>
public enum SdpRejectReason
{
    /// <summary>The SDP has no m= line at all.</summary>
    NoMedia,

    /// <summary>No audio m= line with a non-zero port.</summary>
    NoAudioStream,

    /// <summary>Audio is offered only over a transport we do not speak (RTP/SAVP, RTP/AVPF, UDP/TLS/RTP/SAVPF...).</summary>
    UnsupportedTransport,

    /// <summary>None of the offered payload types is PCMU, PCMA or G722 (or none we enabled).</summary>
    NoCommonCodec,

    /// <summary>The audio stream's connection address is missing or a host name, not an IP literal.</summary>
    UnusableConnectionAddress,

    /// <summary>The answer does not mirror the offer's m= lines (count, media type or transport, RFC 3264 6).</summary>
    AnswerMismatch,

    /// <summary>The answer rejected our audio stream (port 0).</summary>
    AudioRejected,
}
