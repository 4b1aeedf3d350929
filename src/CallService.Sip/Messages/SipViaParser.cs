namespace CallService.Sip.Messages;

/// <summary>
/// Parses via-parm (RFC 3261 20.42, 25.1): <c>sent-protocol LWS sent-by *( SEMI via-params )</c>, with
/// <c>sent-protocol = protocol-name SLASH protocol-version SLASH transport</c> (SLASH and COLON allow SWS).
/// </summary>
internal static class SipViaParser
{
    public static bool TryParseAt(ReadOnlySpan<char> s, ref int i, out SipVia? via) => TryParseAt(s, ref i, build: true, out via);

    /// <summary>With <paramref name="build"/> false only the grammar is checked (nothing is allocated).</summary>
    public static bool TryParseAt(ReadOnlySpan<char> s, ref int i, bool build, out SipVia? via)
    {
        via = null;
        i = SipGrammar.SkipWhitespace(s, i);
        if (!TryScanProtocolPart(s, ref i, out _)) return false; // protocol-name
        if (!TrySlash(s, ref i)) return false;
        if (!TryScanProtocolPart(s, ref i, out _)) return false; // protocol-version
        if (!TrySlash(s, ref i)) return false;
        if (!TryScanProtocolPart(s, ref i, out var transport)) return false;

        // LWS is required between sent-protocol and sent-by.
        var hostStart = SipGrammar.SkipWhitespace(s, i);
        if (hostStart == i) return false;
        var hostEnd = SipGrammar.ScanHost(s, hostStart);
        if (hostEnd < 0) return false;
        i = hostEnd;

        int? port = null;
        var j = SipGrammar.SkipWhitespace(s, i);
        if (j < s.Length && s[j] == ':')
        {
            var p = SipGrammar.SkipWhitespace(s, j + 1);
            var pEnd = p;
            while (pEnd < s.Length && SipCharacters.IsDigit(s[pEnd])) pEnd++;
            if (!SipGrammar.TryParsePort(s[p..pEnd], out var portValue)) return false;
            port = portValue;
            i = pEnd;
        }

        if (!SipParameters.TryParse(s, ref i, build, out var parameters)) return false;
        if (build) via = new SipVia(NormaliseTransport(transport), new string(s[hostStart..hostEnd]), port, parameters);
        return true;
    }

    private static bool TryScanProtocolPart(ReadOnlySpan<char> s, ref int i, out ReadOnlySpan<char> token)
    {
        var end = SipGrammar.ScanToken(s, i);
        token = s[i..end];
        if (end == i) return false;
        i = end;
        return true;
    }

    private static bool TrySlash(ReadOnlySpan<char> s, ref int i)
    {
        var j = SipGrammar.SkipWhitespace(s, i);
        if (j >= s.Length || s[j] != '/') return false;
        i = SipGrammar.SkipWhitespace(s, j + 1);
        return true;
    }

    private static string NormaliseTransport(ReadOnlySpan<char> transport)
    {
        if (transport.Equals("UDP", StringComparison.OrdinalIgnoreCase)) return "UDP";
        if (transport.Equals("TCP", StringComparison.OrdinalIgnoreCase)) return "TCP";
        if (transport.Equals("TLS", StringComparison.OrdinalIgnoreCase)) return "TLS";
        if (transport.Equals("SCTP", StringComparison.OrdinalIgnoreCase)) return "SCTP";
        if (transport.Equals("WS", StringComparison.OrdinalIgnoreCase)) return "WS";
        if (transport.Equals("WSS", StringComparison.OrdinalIgnoreCase)) return "WSS";
        return new string(transport).ToUpperInvariant();
    }

    /// <summary>Parses a comma list into <paramref name="into"/>; with a null list only checks it. On failure nothing is added.</summary>
    public static bool TryParseList(ReadOnlySpan<char> s, List<SipVia>? into)
    {
        var start = into?.Count ?? 0;
        var i = 0;
        while (true)
        {
            if (!TryParseAt(s, ref i, build: into is not null, out var via))
            {
                into?.RemoveRange(start, into.Count - start);
                return false;
            }

            into?.Add(via!);
            i = SipGrammar.SkipWhitespace(s, i);
            if (i >= s.Length) return true;
            if (s[i] != ',')
            {
                into?.RemoveRange(start, into.Count - start);
                return false;
            }

            i++;
        }
    }
}
