using System.Net;

using CallService.Sip.Media;

namespace CallService.Sip.Sdp;

/// <summary>
/// The pieces of offer/answer that look at one audio stream: which m= line is ours, which codec and
/// telephone-event payload type to use, and the negotiated result.
/// </summary>
internal static class SdpAudioSelection
{
    /// <summary>An audio m= line we can run: "audio", a non-zero port, RTP/AVP (RFC 3551).</summary>
    public static bool IsUsableAudio(MediaDescription media) =>
        string.Equals(media.Media, MediaDescription.AudioMedia, StringComparison.OrdinalIgnoreCase) &&
        !media.IsRejected &&
        string.Equals(media.Protocol, MediaDescription.RtpAvpProtocol, StringComparison.OrdinalIgnoreCase);

    /// <summary>The index of the first usable audio m= line, or -1.</summary>
    public static int FindActiveAudio(SessionDescription description)
    {
        for (var i = 0; i < description.Media.Count; i++)
        {
            if (IsUsableAudio(description.Media[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Our most preferred codec that the media offers, with the payload type the media gives it
    /// (first such payload type when it appears under several).
    /// </summary>
    public static bool TryChooseCodec(MediaDescription media, IReadOnlyList<AudioCodecKind> preference, out SdpCodec? codec, out int payloadType)
    {
        foreach (var kind in preference)
        {
            foreach (var candidate in media.PayloadTypes)
            {
                if (SdpCodec.TryResolve(media, candidate, out var resolved) && resolved.Kind == kind)
                {
                    codec = resolved;
                    payloadType = candidate;
                    return true;
                }
            }
        }

        codec = null;
        payloadType = -1;
        return false;
    }

    /// <summary>The payload type a media gives a codec kind, or -1.</summary>
    public static int FindPayloadType(MediaDescription media, AudioCodecKind kind)
    {
        foreach (var candidate in media.PayloadTypes)
        {
            if (SdpCodec.TryResolve(media, candidate, out var resolved) && resolved.Kind == kind)
            {
                return candidate;
            }
        }

        return -1;
    }

    /// <summary>
    /// The media's telephone-event payload type at the codec's clock rate whose events cover the DTMF
    /// keypad (RFC 4733 7.1.1), or null.
    /// </summary>
    public static int? FindTelephoneEvent(MediaDescription media, SdpCodec codec)
    {
        foreach (var candidate in media.PayloadTypes)
        {
            if (SdpTelephoneEvent.IsTelephoneEvent(media, candidate, codec.ClockRate) &&
                SdpTelephoneEvent.CoversDtmfKeypad(media.FindFmtp(candidate)?.Parameters))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The direction the remote's SDP declares for a media. RFC 3264 8.4: a connection address of
    /// 0.0.0.0 means the author does not want to receive, whatever the attribute says.
    /// </summary>
    public static SdpDirection RemoteDirection(SessionDescription remote, MediaDescription media)
    {
        var direction = remote.GetDirection(media);
        return remote.GetConnection(media) is { IsUnspecified: true } ? direction.WithoutReceive() : direction;
    }

    /// <summary>The negotiated stream, from the remote's SDP and the numbers and direction agreed.</summary>
    public static SdpNegotiatedMedia Negotiated(
        SessionDescription remote,
        int mediaIndex,
        IPAddress remoteAddress,
        SdpCodec codec,
        int sendPayloadType,
        int receivePayloadType,
        int? sendTelephoneEvent,
        int? receiveTelephoneEvent,
        SdpDirection direction)
    {
        var media = remote.Media[mediaIndex];
        return new SdpNegotiatedMedia
        {
            MediaIndex = mediaIndex,
            Codec = codec,
            PayloadType = sendPayloadType,
            ReceivePayloadType = receivePayloadType,
            TelephoneEventPayloadType = sendTelephoneEvent,
            ReceiveTelephoneEventPayloadType = receiveTelephoneEvent,
            RemoteRtp = new IPEndPoint(remoteAddress, media.Port),
            RemoteRtcp = RemoteRtcp(media, remoteAddress),
            Direction = direction,
            RemoteHold = SdpHold.IsHold(remote, media),
            RemotePtime = media.Ptime,
        };
    }

    // RFC 3605 2.1: a=rtcp gives the port (and maybe address); RFC 3550 11: else the next higher port.
    private static IPEndPoint RemoteRtcp(MediaDescription media, IPAddress rtpAddress)
    {
        if (media.Rtcp is { } rtcp)
        {
            var address = rtcp.AddressType is { } type && rtcp.Address is not null
                ? SdpAddress.ToIpAddress(type, rtcp.Address) ?? rtpAddress
                : rtpAddress;
            return new IPEndPoint(address, rtcp.Port);
        }

        return new IPEndPoint(rtpAddress, Math.Min(media.Port + 1, IPEndPoint.MaxPort));
    }
}
