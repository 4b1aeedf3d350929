namespace CallService.Sip.Sdp;

/// <summary>
/// The grammar of the attributes this library interprets (RFC 4566 6, RFC 3605). A value that does not
/// parse is not an error: the attribute is kept as an unknown one, so a bad hint never fails a call.
/// </summary>
internal static class SdpAttributeParser
{
    /// <summary>rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;encoding parameters&gt;].</summary>
    public static bool TryParseRtpMap(ReadOnlySpan<char> value, out SdpRtpMap? rtpMap)
    {
        rtpMap = null;
        var tokens = new SdpTokenizer(value);
        if (!tokens.TryNext(out var ptText) || !SdpNumber.TryParsePayloadType(ptText, out var payloadType) ||
            !tokens.TryNext(out var encoding) || !tokens.IsEnd)
        {
            return false;
        }

        var firstSlash = encoding.IndexOf('/');
        if (firstSlash <= 0)
        {
            return false;
        }

        var name = encoding[..firstSlash];
        var rest = encoding[(firstSlash + 1)..];
        var secondSlash = rest.IndexOf('/');
        var clockText = secondSlash < 0 ? rest : rest[..secondSlash];
        if (!SdpNumber.TryParse(clockText, 1, int.MaxValue, out var clockRate))
        {
            return false;
        }

        int? channels = null;
        if (secondSlash >= 0)
        {
            if (!SdpNumber.TryParse(rest[(secondSlash + 1)..], 1, 255, out var channelCount))
            {
                return false;
            }

            channels = channelCount;
        }

        rtpMap = new SdpRtpMap(payloadType, name.ToString(), clockRate, channels);
        return true;
    }

    /// <summary>fmtp:&lt;format&gt; &lt;format specific parameters&gt; with a payload type number as the format.</summary>
    public static bool TryParseFmtp(ReadOnlySpan<char> value, out SdpFmtp? fmtp)
    {
        fmtp = null;
        var space = value.IndexOf(' ');
        var format = space < 0 ? value : value[..space];
        if (!SdpNumber.TryParsePayloadType(format, out var payloadType))
        {
            return false;
        }

        var parameters = space < 0 ? [] : value[(space + 1)..].Trim(' ');
        fmtp = new SdpFmtp(payloadType, parameters.ToString());
        return true;
    }

    /// <summary>RFC 3605 2.1: rtcp:&lt;port&gt; [&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;].</summary>
    public static bool TryParseRtcp(ReadOnlySpan<char> value, out SdpRtcp? rtcp)
    {
        rtcp = null;
        var tokens = new SdpTokenizer(value);
        if (!tokens.TryNext(out var portText) || !SdpNumber.TryParse(portText, 1, 65535, out var port))
        {
            return false;
        }

        if (tokens.IsEnd)
        {
            rtcp = new SdpRtcp(port);
            return true;
        }

        if (!tokens.TryNext(out var netType) || !netType.SequenceEqual("IN") ||
            !tokens.TryNext(out var addrTypeText) || !SdpAddress.TryParseType(addrTypeText, out var addrType) ||
            !tokens.TryNext(out var address) || !tokens.IsEnd || !SdpAddress.IsValid(addrType, address))
        {
            return false;
        }

        rtcp = new SdpRtcp(port, addrType, address.ToString());
        return true;
    }

    /// <summary>ptime / maxptime: a whole number of milliseconds.</summary>
    public static bool TryParseMilliseconds(string? value, out int milliseconds) =>
        SdpNumber.TryParse(value.AsSpan().Trim(' '), 1, 60_000, out milliseconds);
}
