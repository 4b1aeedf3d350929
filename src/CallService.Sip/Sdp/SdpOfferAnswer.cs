namespace CallService.Sip.Sdp;

/// <summary>
/// The offer/answer model (RFC 3264) for one audio stream: build our offer, answer a remote offer, and
/// read the answer to our offer. Pure functions of their inputs; the dialog keeps the previous local
/// SDP and passes it back for re-INVITEs so that o= and the m= line positions stay right (RFC 3264 8).
/// </summary>
public static partial class SdpOfferAnswer
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
