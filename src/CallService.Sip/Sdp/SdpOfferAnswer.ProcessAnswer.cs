namespace CallService.Sip.Sdp;

// RFC 3264 7: reading the answer to our offer.
public static partial class SdpOfferAnswer
{
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
}
