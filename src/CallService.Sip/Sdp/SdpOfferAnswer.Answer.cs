using System.Net;

namespace CallService.Sip.Sdp;

// RFC 3264 6: answering a remote offer.
public static partial class SdpOfferAnswer
{
    /// <summary>
    /// Answers an offer (RFC 3264 6): the first usable audio stream is accepted with our most preferred
    /// codec the offer has, under the offerer's payload type; every other m= line is rejected with port 0
    /// in its position. The direction mirrors the offer's (sendonly -> recvonly, recvonly -> sendonly,
    /// inactive -> inactive, sendrecv -> sendrecv), narrowed by ours; c=0.0.0.0 is taken as the offerer
    /// not wanting to receive (RFC 3264 8.4).
    /// </summary>
    /// <param name="offer">The remote offer.</param>
    /// <param name="local">Our address, port, codec preference, RFC 4733 support and direction constraint.</param>
    /// <param name="sessionId">Our o= session id.</param>
    /// <param name="sessionVersion">Our o= version.</param>
    public static SdpAnswerResult CreateAnswer(SessionDescription offer, SdpLocalMedia local, ulong sessionId, ulong sessionVersion)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        local.Validate();
        return Answer(offer, local, MakeOrigin(local, sessionId, sessionVersion), previousLocal: null);
    }

    /// <summary>
    /// Answers an offer within an existing session (re-INVITE): as
    /// <see cref="CreateAnswer(SessionDescription, SdpLocalMedia, ulong, ulong)"/>, with our o= line carried
    /// over from <paramref name="previousLocal"/> and its version incremented only if our SDP changed.
    /// </summary>
    public static SdpAnswerResult CreateAnswer(SessionDescription offer, SdpLocalMedia local, SessionDescription previousLocal)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(previousLocal);
        local.Validate();
        return Answer(offer, local, previousLocal.Origin, previousLocal);
    }

    private static SdpAnswerResult Answer(SessionDescription offer, SdpLocalMedia local, SdpOrigin origin, SessionDescription? previousLocal)
    {
        if (offer.Media.Count == 0)
        {
            return new SdpAnswerResult.NotAcceptable(SdpRejectReason.NoMedia, "the offer has no m= line");
        }

        var index = -1;
        SdpCodec? codec = null;
        var payloadType = -1;
        IPAddress? remoteAddress = null;
        SdpAnswerResult.NotAcceptable? firstProblem = null;
        for (var i = 0; i < offer.Media.Count && index < 0; i++)
        {
            var media = offer.Media[i];
            if (!string.Equals(media.Media, MediaDescription.AudioMedia, StringComparison.OrdinalIgnoreCase) || media.IsRejected)
            {
                continue;
            }

            if (!SdpAudioSelection.IsUsableAudio(media))
            {
                firstProblem ??= new(SdpRejectReason.UnsupportedTransport, $"audio m= line {i + 1} uses {media.Protocol}; we speak RTP/AVP only");
                continue;
            }

            if (!SdpAudioSelection.TryChooseCodec(media, local.Codecs, out codec, out payloadType))
            {
                firstProblem ??= new(
                    SdpRejectReason.NoCommonCodec,
                    $"audio m= line {i + 1} offers {string.Join(' ', media.Formats)}; we speak {string.Join(' ', local.Codecs)}");
                continue;
            }

            remoteAddress = offer.GetConnection(media)?.IpAddress;
            if (remoteAddress is null)
            {
                firstProblem ??= new(SdpRejectReason.UnusableConnectionAddress, $"the connection address of audio m= line {i + 1} is not an IP address");
                continue;
            }

            index = i;
        }

        if (index < 0)
        {
            return firstProblem ?? new SdpAnswerResult.NotAcceptable(SdpRejectReason.NoAudioStream, "the offer has no active audio stream");
        }

        var offered = offer.Media[index];
        var telephoneEvent = local.TelephoneEventPayloadType is null ? null : SdpAudioSelection.FindTelephoneEvent(offered, codec!);
        var direction = SdpAudioSelection.RemoteDirection(offer, offered).Reverse().Intersect(local.Direction);

        var answeredMedia = new List<MediaDescription>(offer.Media.Count);
        for (var i = 0; i < offer.Media.Count; i++)
        {
            answeredMedia.Add(i == index
                ? AnsweredAudio(local, offered, codec!, payloadType, telephoneEvent, direction)
                : Rejected(offer.Media[i]));
        }

        var answer = NewDescription(local, origin, answeredMedia);
        if (previousLocal is not null)
        {
            answer = UpdateVersion(previousLocal, answer);
        }

        var negotiated = SdpAudioSelection.Negotiated(
            offer, index, remoteAddress!, codec!, payloadType, payloadType, telephoneEvent, telephoneEvent, direction);
        return new SdpAnswerResult.Accepted(answer, negotiated);
    }

    // RFC 3264 6.1: one codec in the answer (so the offerer never switches mid-call), under the offerer's
    // payload type, plus telephone-event under the offerer's number when both do RFC 4733.
    private static MediaDescription AnsweredAudio(
        SdpLocalMedia local, MediaDescription offered, SdpCodec codec, int payloadType, int? telephoneEvent, SdpDirection direction)
    {
        var formats = new List<string> { payloadType.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var rtpMaps = new List<SdpRtpMap> { codec.ToRtpMap(payloadType) };
        var fmtps = new List<SdpFmtp>();
        if (telephoneEvent is { } te)
        {
            formats.Add(te.ToString(System.Globalization.CultureInfo.InvariantCulture));
            rtpMaps.Add(new SdpRtpMap(te, SdpTelephoneEvent.EncodingName, codec.ClockRate));
            fmtps.Add(new SdpFmtp(te, local.TelephoneEvents));
        }

        return new MediaDescription
        {
            Media = offered.Media,
            Port = local.RtpPort,
            Protocol = offered.Protocol,
            Formats = formats,
            RtpMaps = rtpMaps,
            Fmtps = fmtps,
            Ptime = local.Ptime,
            Direction = direction,
        };
    }
}
