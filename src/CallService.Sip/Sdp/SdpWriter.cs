using System.Globalization;
using System.Text;

namespace CallService.Sip.Sdp;

/// <summary>
/// Writes a session description as CRLF-terminated lines in the order RFC 4566 5 fixes:
/// v o s i u e p c b (t r) z k a, then per media m i c b k a.
/// </summary>
/// <remarks>
/// Attributes within a media are written as: rtpmap then fmtp for each format in m= line order,
/// ptime, maxptime, rtcp, the other attributes as they were read, and the direction last.
/// </remarks>
public static class SdpWriter
{
    private const string CrLf = "\r\n";

    /// <summary>The SDP text.</summary>
    public static string Write(SessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = new StringBuilder(512);
        WriteSession(text, description);
        foreach (var media in description.Media)
        {
            WriteMedia(text, media);
        }

        return text.ToString();
    }

    /// <summary>The SDP as UTF-8 bytes, ready to be a SIP body (Content-Type: application/sdp).</summary>
    public static byte[] WriteUtf8(SessionDescription description) => Encoding.UTF8.GetBytes(Write(description));

    private static void WriteSession(StringBuilder text, SessionDescription session)
    {
        Line(text, 'v', session.Version.ToString(CultureInfo.InvariantCulture));
        var origin = session.Origin;
        Line(text, 'o', FormattableString.Invariant(
            $"{origin.Username} {origin.SessionId} {origin.SessionVersion} IN {SdpAddress.ToToken(origin.AddressType)} {origin.Address}"));
        Line(text, 's', session.SessionName);
        OptionalLine(text, 'i', session.Information);
        OptionalLine(text, 'u', session.Uri);
        foreach (var email in session.Emails)
        {
            Line(text, 'e', email);
        }

        foreach (var phone in session.Phones)
        {
            Line(text, 'p', phone);
        }

        WriteConnection(text, session.Connection);
        WriteBandwidths(text, session.Bandwidths);
        foreach (var timing in session.Timings)
        {
            Line(text, 't', FormattableString.Invariant($"{timing.StartTime} {timing.StopTime}"));
            foreach (var repeat in timing.Repeats)
            {
                Line(text, 'r', repeat);
            }
        }

        OptionalLine(text, 'z', session.TimeZones);
        OptionalLine(text, 'k', session.EncryptionKey);
        foreach (var attribute in session.OtherAttributes)
        {
            Line(text, 'a', attribute.ToString());
        }

        if (session.Direction is { } direction)
        {
            Line(text, 'a', direction.ToAttributeName());
        }
    }

    private static void WriteMedia(StringBuilder text, MediaDescription media)
    {
        text.Append("m=").Append(media.Media).Append(' ').Append(media.Port.ToString(CultureInfo.InvariantCulture));
        if (media.PortCount is { } portCount)
        {
            text.Append('/').Append(portCount.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(' ').Append(media.Protocol);
        foreach (var format in media.Formats)
        {
            text.Append(' ').Append(format);
        }

        text.Append(CrLf);
        OptionalLine(text, 'i', media.Information);
        WriteConnection(text, media.Connection);
        WriteBandwidths(text, media.Bandwidths);
        OptionalLine(text, 'k', media.EncryptionKey);
        WriteFormatAttributes(text, media);
        if (media.Ptime is { } ptime)
        {
            Line(text, 'a', "ptime:" + ptime.ToString(CultureInfo.InvariantCulture));
        }

        if (media.MaxPtime is { } maxPtime)
        {
            Line(text, 'a', "maxptime:" + maxPtime.ToString(CultureInfo.InvariantCulture));
        }

        if (media.Rtcp is { } rtcp)
        {
            Line(text, 'a', "rtcp:" + rtcp);
        }

        foreach (var attribute in media.OtherAttributes)
        {
            Line(text, 'a', attribute.ToString());
        }

        if (media.Direction is { } direction)
        {
            Line(text, 'a', direction.ToAttributeName());
        }
    }

    // rtpmap and fmtp of each format in m= line order, then any that name a format not on the m= line.
    private static void WriteFormatAttributes(StringBuilder text, MediaDescription media)
    {
        var written = new HashSet<int>();
        foreach (var payloadType in media.PayloadTypes)
        {
            if (!written.Add(payloadType))
            {
                continue;
            }

            if (media.FindRtpMap(payloadType) is { } rtpMap)
            {
                Line(text, 'a', "rtpmap:" + rtpMap);
            }

            if (media.FindFmtp(payloadType) is { } fmtp)
            {
                Line(text, 'a', "fmtp:" + fmtp);
            }
        }

        foreach (var rtpMap in media.RtpMaps)
        {
            if (!written.Contains(rtpMap.PayloadType))
            {
                Line(text, 'a', "rtpmap:" + rtpMap);
            }
        }

        foreach (var fmtp in media.Fmtps)
        {
            if (!written.Contains(fmtp.PayloadType))
            {
                Line(text, 'a', "fmtp:" + fmtp);
            }
        }
    }

    private static void WriteConnection(StringBuilder text, SdpConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        text.Append("c=IN ").Append(SdpAddress.ToToken(connection.AddressType)).Append(' ').Append(connection.Address);
        if (connection.Ttl is { } ttl)
        {
            text.Append('/').Append(ttl.ToString(CultureInfo.InvariantCulture));
        }

        if (connection.AddressCount is { } count)
        {
            text.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(CrLf);
    }

    private static void WriteBandwidths(StringBuilder text, IReadOnlyList<SdpBandwidth> bandwidths)
    {
        foreach (var bandwidth in bandwidths)
        {
            Line(text, 'b', FormattableString.Invariant($"{bandwidth.Type}:{bandwidth.Value}"));
        }
    }

    private static void OptionalLine(StringBuilder text, char type, string? value)
    {
        if (value is not null)
        {
            Line(text, type, value);
        }
    }

    private static void Line(StringBuilder text, char type, string value) =>
        text.Append(type).Append('=').Append(value).Append(CrLf);
}
