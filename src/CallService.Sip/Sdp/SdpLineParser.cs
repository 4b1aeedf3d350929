namespace CallService.Sip.Sdp;

/// <summary>The grammar of the structural SDP lines (RFC 4566 5.2, 5.7, 5.8, 5.9, 5.14). Pure and total.</summary>
internal static class SdpLineParser
{
    private const string InternetNetworkType = "IN";

    /// <summary>RFC 4566 5.2: o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;.</summary>
    public static bool TryParseOrigin(ReadOnlySpan<char> value, out SdpOrigin? origin)
    {
        origin = null;
        var tokens = new SdpTokenizer(value);
        if (!tokens.TryNext(out var username) ||
            !tokens.TryNext(out var sessionIdText) || !SdpNumber.TryParse(sessionIdText, out var sessionId) ||
            !tokens.TryNext(out var versionText) || !SdpNumber.TryParse(versionText, out var version) ||
            !tokens.TryNext(out var netType) || !netType.SequenceEqual(InternetNetworkType) ||
            !tokens.TryNext(out var addrTypeText) || !SdpAddress.TryParseType(addrTypeText, out var addrType) ||
            !tokens.TryNext(out var address) || !tokens.IsEnd)
        {
            return false;
        }

        // The origin address only names the session; it is never used to send media, so a host name or
        // an odd token from a private network is accepted as written.
        origin = new SdpOrigin(username.ToString(), sessionId, version, addrType, address.ToString());
        return true;
    }

    /// <summary>
    /// RFC 4566 5.7: c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;, where an IP4 multicast
    /// address may carry "/&lt;ttl&gt;[/&lt;count&gt;]" and an IP6 one "/&lt;count&gt;".
    /// </summary>
    public static bool TryParseConnection(ReadOnlySpan<char> value, out SdpConnection? connection)
    {
        connection = null;
        var tokens = new SdpTokenizer(value);
        if (!tokens.TryNext(out var netType) || !netType.SequenceEqual(InternetNetworkType) ||
            !tokens.TryNext(out var addrTypeText) || !SdpAddress.TryParseType(addrTypeText, out var addrType) ||
            !tokens.TryNext(out var addressField) || !tokens.IsEnd)
        {
            return false;
        }

        var slash = addressField.IndexOf('/');
        var address = slash < 0 ? addressField : addressField[..slash];
        if (!SdpAddress.IsValid(addrType, address))
        {
            return false;
        }

        int? ttl = null;
        int? count = null;
        if (slash >= 0)
        {
            var suffix = addressField[(slash + 1)..];
            var second = suffix.IndexOf('/');
            var first = second < 0 ? suffix : suffix[..second];
            if (addrType == SdpAddressType.Ip6)
            {
                // IP6 has no TTL: the only suffix is the address count.
                if (second >= 0 || !SdpNumber.TryParse(first, 1, int.MaxValue, out var ip6Count))
                {
                    return false;
                }

                count = ip6Count;
            }
            else
            {
                if (!SdpNumber.TryParse(first, 0, 255, out var ttlValue))
                {
                    return false;
                }

                ttl = ttlValue;
                if (second >= 0)
                {
                    if (!SdpNumber.TryParse(suffix[(second + 1)..], 1, int.MaxValue, out var ip4Count))
                    {
                        return false;
                    }

                    count = ip4Count;
                }
            }
        }

        connection = new SdpConnection(addrType, address.ToString(), ttl, count);
        return true;
    }

    /// <summary>RFC 4566 5.8: b=&lt;bwtype&gt;:&lt;bandwidth&gt;.</summary>
    public static bool TryParseBandwidth(ReadOnlySpan<char> value, out SdpBandwidth? bandwidth)
    {
        bandwidth = null;
        value = value.TrimEnd(' ');
        var colon = value.IndexOf(':');
        if (colon <= 0 || value[..colon].Contains(' ') || !SdpNumber.TryParse(value[(colon + 1)..], out var amount))
        {
            return false;
        }

        bandwidth = new SdpBandwidth(value[..colon].ToString(), amount);
        return true;
    }

    /// <summary>RFC 4566 5.9: t=&lt;start-time&gt; &lt;stop-time&gt;.</summary>
    public static bool TryParseTiming(ReadOnlySpan<char> value, out SdpTiming? timing)
    {
        timing = null;
        var tokens = new SdpTokenizer(value);
        if (!tokens.TryNext(out var startText) || !SdpNumber.TryParse(startText, out var start) ||
            !tokens.TryNext(out var stopText) || !SdpNumber.TryParse(stopText, out var stop) ||
            !tokens.IsEnd)
        {
            return false;
        }

        timing = new SdpTiming(start, stop);
        return true;
    }

    /// <summary>
    /// RFC 4566 5.14: m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...
    /// At least one format; for RTP profiles every format is a payload type number (RFC 3551 6).
    /// </summary>
    public static bool TryParseMedia(ReadOnlySpan<char> value, out SdpMediaBuilder? media)
    {
        media = null;
        var tokens = new SdpTokenizer(value);
        if (!tokens.TryNext(out var mediaType) || !tokens.TryNext(out var portField) || !tokens.TryNext(out var protocol))
        {
            return false;
        }

        var slash = portField.IndexOf('/');
        if (!SdpNumber.TryParsePort(slash < 0 ? portField : portField[..slash], out var port))
        {
            return false;
        }

        int? portCount = null;
        if (slash >= 0)
        {
            if (!SdpNumber.TryParse(portField[(slash + 1)..], 1, 65535, out var countValue))
            {
                return false;
            }

            portCount = countValue;
        }

        var isRtp = protocol.StartsWith("RTP/", StringComparison.OrdinalIgnoreCase);
        var formats = new List<string>();
        while (tokens.TryNext(out var format))
        {
            if (isRtp && !SdpNumber.TryParsePayloadType(format, out _))
            {
                return false;
            }

            formats.Add(format.ToString());
        }

        if (formats.Count == 0)
        {
            return false;
        }

        media = new SdpMediaBuilder(mediaType.ToString(), port, portCount, protocol.ToString(), formats);
        return true;
    }
}
