using System.Net;

namespace CallService.Sip.Sdp;

/// <summary>
/// What offer/answer settled for the audio stream: the codec and payload types, where to send RTP and
/// RTCP, and the direction from our point of view.
/// </summary>
/// <remarks>
/// Payload type numbers in an SDP say what its author wants to receive (RFC 3264 5.1), so the numbers
/// we send with come from the remote's SDP and the numbers we receive come from ours. RFC 3264 6.1 asks
/// the answerer to reuse the offerer's numbers, so the two agree except with a peer that renumbers.
/// </remarks>
public sealed record SdpNegotiatedMedia
{
    /// <summary>The position of the audio m= line in both SDPs.</summary>
    public required int MediaIndex { get; init; }

    /// <summary>The chosen codec.</summary>
    public required SdpCodec Codec { get; init; }

    /// <summary>The payload type to send the codec with (the remote's numbering).</summary>
    public required int PayloadType { get; init; }

    /// <summary>The payload type the remote sends the codec with (our numbering).</summary>
    public required int ReceivePayloadType { get; init; }

    /// <summary>The telephone-event payload type to send DTMF with, or null when RFC 4733 was not agreed.</summary>
    public int? TelephoneEventPayloadType { get; init; }

    /// <summary>The telephone-event payload type the remote sends DTMF with, or null.</summary>
    public int? ReceiveTelephoneEventPayloadType { get; init; }

    /// <summary>
    /// Where to send RTP: the remote's connection address and media port. 0.0.0.0 when the remote holds
    /// RFC 2543 style (then <see cref="RemoteHold"/> is true and nothing should be sent).
    /// </summary>
    public required IPEndPoint RemoteRtp { get; init; }

    /// <summary>Where to send RTCP: a=rtcp when given (RFC 3605), else the RTP port + 1 (RFC 3550 11).</summary>
    public required IPEndPoint RemoteRtcp { get; init; }

    /// <summary>
    /// The negotiated direction from our point of view: <see cref="SdpDirection.SendRecv"/> means we send
    /// and receive, <see cref="SdpDirection.RecvOnly"/> that we only receive (the remote holds us), etc.
    /// </summary>
    public required SdpDirection Direction { get; init; }

    /// <summary>
    /// True when the remote will not receive: it wrote sendonly or inactive, or a connection address of
    /// 0.0.0.0 (RFC 3264 8.4). On an offer this is the remote putting the call on hold.
    /// </summary>
    public required bool RemoteHold { get; init; }

    /// <summary>The remote's a=ptime (the packet duration it wants to receive), when given.</summary>
    public int? RemotePtime { get; init; }
}
