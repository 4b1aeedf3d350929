using System.Net;

namespace CallService.Sip.Sdp;

/// <summary>
/// The offer/answer model (RFC 3264) for one audio stream: build our offer, answer a remote offer, and
/// read the answer to our offer. Pure functions of their inputs; the dialog keeps the previous local
/// SDP and passes it back for re-INVITEs so that o= and the m= line positions stay right (RFC 3264 8).
/// </summary>
public static class SdpOfferAnswer
{
    /// <summary>
    /// An initial offer (RFC 3264 5): one audio m= line with our codecs in preference order, each with its
    /// rtpmap, telephone-event with its fmtp when enabled, a=ptime and an explicit direction attribute.
    /// </summary>
    /// <param name="local">Our address, port, codecs and direction.</param>
    /// <param name="sessionId">The o= session id, fixed for the session (RFC 3264 5: fits a signed 64-bit integer).</param>
    /// <param name="sessionVersion">The first o= version (RFC 3264 5: below 2^62 - 1 so it never wraps).</param>
    public static SessionDescription CreateOffer(SdpLocalMedia local, ulong sessionId, ulong sessionVersion)
    {
        ArgumentNullException.ThrowIfNull(local);
        local.Validate();
        return NewDescription(local, MakeOrigin(local, sessionId, sessionVersion), [OfferedAudio(local)]);
    }

    /// <summary>
    /// A new offer in an existing session (re-INVITE, RFC 3264 8): same o= session id, version incremented
    /// only when the SDP changes (an identical re-offer keeps it), the same m= lines in the same order
    /// with our audio in its old position and every other stream still rejected (port 0).
    /// </summary>
    /// <param name="local">Our address, port, codecs and the direction we now want (sendonly to hold).</param>
    /// <param name="previousLocal">The last SDP we sent in this session (offer or answer).</param>
    public static SessionDescription CreateOffer(SdpLocalMedia local, SessionDescription previousLocal)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(previousLocal);
        local.Validate();
        var audio = OfferedAudio(local);
        var media = new List<MediaDescription>(previousLocal.Media.Count + 1);
        var placed = false;
        foreach (var previous in previousLocal.Media)
        {
            if (!placed && SdpAudioSelection.IsUsableAudio(previous))
            {
                media.Add(audio);
                placed = true;
            }
            else
            {
                media.Add(Rejected(previous));
            }
        }

        // RFC 3264 8.1: a new stream goes at the end of the m= lines.
        if (!placed)
        {
            media.Add(audio);
        }

        return UpdateVersion(previousLocal, NewDescription(local, previousLocal.Origin, media));
    }

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

    /// <summary>
    /// Reads the answer to our offer (RFC 3264 7): same m= line count, our audio stream accepted, a codec
    /// we offered, a reachable connection address. The codec is the answer's first one that we offered.
    /// </summary>
    public static SdpNegotiationResult ProcessAnswer(SessionDescription offer, SessionDescription answer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        var index = SdpAudioSelection.FindActiveAudio(offer);
        if (index < 0)
        {
            return new SdpNegotiationResult.Failed(SdpRejectReason.NoAudioStream, "our offer has no active RTP/AVP audio stream");
        }

        // RFC 3264 6: the answer has exactly as many m= lines as the offer, in the same order.
        if (answer.Media.Count != offer.Media.Count)
        {
            return new SdpNegotiationResult.Failed(
                SdpRejectReason.AnswerMismatch,
                $"the answer has {answer.Media.Count} m= lines, the offer {offer.Media.Count}");
        }

        var offered = offer.Media[index];
        var answered = answer.Media[index];
        if (answered.IsRejected)
        {
            return new SdpNegotiationResult.Failed(SdpRejectReason.AudioRejected, $"the answer rejected audio m= line {index + 1} (port 0)");
        }

        if (!string.Equals(answered.Media, offered.Media, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(answered.Protocol, offered.Protocol, StringComparison.OrdinalIgnoreCase))
        {
            return new SdpNegotiationResult.Failed(
                SdpRejectReason.AnswerMismatch,
                $"m= line {index + 1} was offered as {offered.Media} {offered.Protocol}, answered as {answered.Media} {answered.Protocol}");
        }

        // The answerer's order is its preference (RFC 3264 6.1); take its first codec that we offered.
        SdpCodec? codec = null;
        int sendPayloadType = -1, receivePayloadType = -1;
        foreach (var candidate in answered.PayloadTypes)
        {
            if (SdpCodec.TryResolve(answered, candidate, out var resolved))
            {
                var ours = SdpAudioSelection.FindPayloadType(offered, resolved.Kind);
                if (ours >= 0)
                {
                    codec = resolved;
                    sendPayloadType = candidate;
                    receivePayloadType = ours;
                    break;
                }
            }
        }

        if (codec is null)
        {
            return new SdpNegotiationResult.Failed(
                SdpRejectReason.NoCommonCodec,
                $"the answer's formats ({string.Join(' ', answered.Formats)}) hold no codec we offered");
        }

        var address = answer.GetConnection(answered)?.IpAddress;
        if (address is null)
        {
            return new SdpNegotiationResult.Failed(
                SdpRejectReason.UnusableConnectionAddress,
                $"the answer's connection address for m= line {index + 1} is not an IP address");
        }

        var receiveTelephoneEvent = SdpAudioSelection.FindTelephoneEvent(offered, codec);
        var sendTelephoneEvent = receiveTelephoneEvent is null ? null : SdpAudioSelection.FindTelephoneEvent(answered, codec);
        if (sendTelephoneEvent is null)
        {
            receiveTelephoneEvent = null;
        }

        // Ours is what we offered, narrowed by the mirror of what the answerer declared.
        var direction = SdpAudioSelection.RemoteDirection(answer, answered).Reverse().Intersect(offer.GetDirection(offered));
        return new SdpNegotiationResult.Negotiated(SdpAudioSelection.Negotiated(
            answer, index, address, codec, sendPayloadType, receivePayloadType, sendTelephoneEvent, receiveTelephoneEvent, direction));
    }

    /// <summary>
    /// RFC 3264 8: a new SDP from us in the same session keeps the o= line of the previous one (username,
    /// session id, address) and increments the version by one if anything else changed; an identical SDP
    /// keeps the version.
    /// </summary>
    /// <param name="previousLocal">The last SDP we sent in this session.</param>
    /// <param name="next">The SDP we are about to send.</param>
    public static SessionDescription UpdateVersion(SessionDescription previousLocal, SessionDescription next)
    {
        ArgumentNullException.ThrowIfNull(previousLocal);
        ArgumentNullException.ThrowIfNull(next);
        var candidate = next with { Origin = previousLocal.Origin };
        if (string.Equals(SdpWriter.Write(candidate), SdpWriter.Write(previousLocal), StringComparison.Ordinal))
        {
            return candidate;
        }

        return candidate with
        {
            Origin = previousLocal.Origin with { SessionVersion = unchecked(previousLocal.Origin.SessionVersion + 1) },
        };
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

    private static MediaDescription OfferedAudio(SdpLocalMedia local)
    {
        var formats = new List<string>();
        var rtpMaps = new List<SdpRtpMap>();
        foreach (var kind in local.Codecs.Distinct())
        {
            var codec = SdpCodec.For(kind);

            // RFC 3551 6 makes rtpmap optional for static types; writing it costs nothing and helps peers.
            formats.Add(codec.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture));
            rtpMaps.Add(codec.ToRtpMap(codec.PayloadType));
        }

        var fmtps = new List<SdpFmtp>();
        if (local.TelephoneEventPayloadType is { } telephoneEvent)
        {
            formats.Add(telephoneEvent.ToString(System.Globalization.CultureInfo.InvariantCulture));
            rtpMaps.Add(new SdpRtpMap(telephoneEvent, SdpTelephoneEvent.EncodingName, 8000));
            fmtps.Add(new SdpFmtp(telephoneEvent, local.TelephoneEvents));
        }

        return new MediaDescription
        {
            Media = MediaDescription.AudioMedia,
            Port = local.RtpPort,
            Protocol = MediaDescription.RtpAvpProtocol,
            Formats = formats,
            RtpMaps = rtpMaps,
            Fmtps = fmtps,
            Ptime = local.Ptime,
            Direction = local.Direction,
        };
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

    // RFC 3264 6: a rejected stream keeps its media type and transport, port 0, and (for the grammar's
    // sake) the offered formats; its attributes mean nothing and are left out.
    private static MediaDescription Rejected(MediaDescription media) => new()
    {
        Media = media.Media,
        Port = 0,
        Protocol = media.Protocol,
        Formats = media.Formats,
    };

    private static SessionDescription NewDescription(SdpLocalMedia local, SdpOrigin origin, IReadOnlyList<MediaDescription> media) => new()
    {
        Origin = origin,
        SessionName = "-",
        Connection = SdpConnection.For(local.Address),
        Timings = [new SdpTiming(0, 0)],
        Media = media,
    };

    private static SdpOrigin MakeOrigin(SdpLocalMedia local, ulong sessionId, ulong sessionVersion)
    {
        // RFC 3264 5: both numbers must be representable as a 64-bit signed integer.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sessionId, (ulong)long.MaxValue);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sessionVersion, (ulong)long.MaxValue);
        var connection = SdpConnection.For(local.Address);
        return new SdpOrigin(local.Username, sessionId, sessionVersion, connection.AddressType, connection.Address);
    }
}
