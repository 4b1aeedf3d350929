using System.Diagnostics.CodeAnalysis;

namespace CallService.Sip.Sdp;

/// <summary>
/// The RFC 4733 "telephone-event" payload format as SDP registers it (RFC 4733 7.1): a dynamic payload
/// type, "a=rtpmap:&lt;pt&gt; telephone-event/&lt;rate&gt;" with the rate of the audio codec it rides
/// with, and "a=fmtp:&lt;pt&gt; &lt;events&gt;" listing the events the author can receive.
/// </summary>
public static class SdpTelephoneEvent
{
    /// <summary>The encoding name.</summary>
    public const string EncodingName = "telephone-event";

    /// <summary>The payload type most peers use (baresip, Asterisk, Linphone): 101.</summary>
    public const int DefaultPayloadType = 101;

    /// <summary>The events we offer: the DTMF digits 0-9, *, #, A-D (0-15) and flash (16).</summary>
    public const string DefaultEvents = "0-16";

    /// <summary>RFC 4733 7.1.1: with no fmtp the receiver supports events 0-15.</summary>
    public const string ImpliedEvents = "0-15";

    /// <summary>The highest event code (RFC 4733 2.3.2: 8 bits).</summary>
    public const int MaxEvent = 255;

    /// <summary>True when a payload type of a media is telephone-event at the given RTP clock rate.</summary>
    public static bool IsTelephoneEvent(MediaDescription media, int payloadType, int clockRate)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.FindRtpMap(payloadType) is { } rtpMap &&
               string.Equals(rtpMap.EncodingName, EncodingName, StringComparison.OrdinalIgnoreCase) &&
               rtpMap.ClockRate == clockRate;
    }

    /// <summary>
    /// Finds the telephone-event payload type of a media at the clock rate of the chosen audio codec
    /// (RFC 4733 2.1: the events use the audio stream's timestamp clock). Offers often carry several,
    /// e.g. telephone-event/48000 for Opus beside telephone-event/8000.
    /// </summary>
    public static bool TryFind(MediaDescription media, int clockRate, out int payloadType)
    {
        ArgumentNullException.ThrowIfNull(media);
        foreach (var candidate in media.PayloadTypes)
        {
            if (IsTelephoneEvent(media, candidate, clockRate))
            {
                payloadType = candidate;
                return true;
            }
        }

        payloadType = -1;
        return false;
    }

    /// <summary>
    /// Parses an event list ("0-15", "0-11,16", RFC 4733 7.1.1). A missing or empty list means the
    /// implied 0-15.
    /// </summary>
    public static bool TryParseEvents(string? fmtpParameters, [NotNullWhen(true)] out IReadOnlySet<int>? events)
    {
        var text = string.IsNullOrWhiteSpace(fmtpParameters) ? ImpliedEvents.AsSpan() : fmtpParameters.AsSpan().Trim();

        // Some peers write the parameter name ("events=0-15"); the registration has none, accept both.
        if (text.StartsWith("events=", StringComparison.OrdinalIgnoreCase))
        {
            text = text["events=".Length..];
        }

        var set = new SortedSet<int>();
        events = null;
        foreach (var range in text.Split(','))
        {
            var item = text[range].Trim();
            var dash = item.IndexOf('-');
            if (dash < 0)
            {
                if (!SdpNumber.TryParse(item, 0, MaxEvent, out var single))
                {
                    return false;
                }

                set.Add(single);
                continue;
            }

            if (!SdpNumber.TryParse(item[..dash].Trim(), 0, MaxEvent, out var low) ||
                !SdpNumber.TryParse(item[(dash + 1)..].Trim(), 0, MaxEvent, out var high) ||
                high < low)
            {
                return false;
            }

            for (var code = low; code <= high; code++)
            {
                set.Add(code);
            }
        }

        events = set;
        return true;
    }

    /// <summary>
    /// True when the events cover the DTMF keypad 0-9, * and # (codes 0-11, RFC 4733 3.2), the minimum
    /// worth negotiating. An unreadable list is taken as the implied 0-15 rather than refused.
    /// </summary>
    public static bool CoversDtmfKeypad(string? fmtpParameters)
    {
        if (!TryParseEvents(fmtpParameters, out var events))
        {
            return true;
        }

        for (var code = 0; code <= 11; code++)
        {
            if (!events.Contains(code))
            {
                return false;
            }
        }

        return true;
    }
}
