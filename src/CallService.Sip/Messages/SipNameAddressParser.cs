namespace CallService.Sip.Messages;

/// <summary>
/// Parses name-addr / addr-spec values with header parameters (RFC 3261 20.10, 25.1):
/// <c>[display-name] LAQUOT addr-spec RAQUOT *(SEMI param)</c> or <c>addr-spec *(SEMI param)</c>, or "*".
/// </summary>
internal static class SipNameAddressParser
{
    /// <summary>Parses one value starting at <paramref name="i"/>; stops before a top-level comma or at the end.</summary>
    public static bool TryParseAt(ReadOnlySpan<char> s, ref int i, out SipNameAddress? address) => TryParseAt(s, ref i, build: true, out address);

    /// <summary>With <paramref name="build"/> false only the grammar is checked (nothing is allocated).</summary>
    public static bool TryParseAt(ReadOnlySpan<char> s, ref int i, bool build, out SipNameAddress? address)
    {
        address = null;
        i = SipGrammar.SkipWhitespace(s, i);
        if (i >= s.Length) return false;

        if (s[i] == '*')
        {
            // RFC 3261 10.2.2: Contact "*" stands alone (no URI, no parameters).
            var j = SipGrammar.SkipWhitespace(s, i + 1);
            if (j < s.Length && s[j] != ',') return false;
            i = j;
            address = SipNameAddress.Wildcard;
            return true;
        }

        string? displayName = null;
        int laquot;
        if (s[i] == '"')
        {
            var end = SipGrammar.ScanQuotedString(s, i);
            if (end < 0) return false; // RFC 4475 3.1.2.6: unterminated quoted display name
            if (build) displayName = SipGrammar.Unquote(s[(i + 1)..(end - 1)]);
            laquot = SipGrammar.SkipWhitespace(s, end);
            if (laquot >= s.Length || s[laquot] != '<') return false;
        }
        else
        {
            // display-name = *(token LWS): scan tokens and LWS; a '<' makes it a name-addr,
            // anything else means this is an addr-spec (e.g. "sip" followed by ':').
            laquot = i;
            while (laquot < s.Length && (SipCharacters.IsToken(s[laquot]) || SipCharacters.IsWhitespace(s[laquot]))) laquot++;
            if (laquot < s.Length && s[laquot] == '<')
            {
                var name = s[i..laquot].TrimEnd(" \t\r\n");
                if (!name.IsEmpty && build) displayName = new string(name);
            }
            else
            {
                laquot = -1;
            }
        }

        SipUri? uri;
        if (laquot >= 0)
        {
            var close = s[laquot..].IndexOf('>');
            if (close < 0) return false;
            close += laquot;
            // RFC 4475 3.1.2.14: no LWS inside the brackets; the URI parser rejects whitespace.
            if (!SipUriParser.TryParse(s[(laquot + 1)..close], build, out uri, out _)) return false;
            i = close + 1;
        }
        else
        {
            // RFC 3261 20.10: without brackets, ';' starts header parameters, and a URI holding
            // ',', '?' or ';' must have been enclosed (RFC 4475 3.1.2.13).
            var end = i;
            while (end < s.Length && s[end] is not (';' or ',' or ' ' or '\t' or '\r' or '\n')) end++;
            var text = s[i..end];
            if (text.IndexOf('?') >= 0 || !SipUriParser.TryParse(text, build, out uri, out _)) return false;
            i = end;
        }

        if (!SipParameters.TryParse(s, ref i, build, out var parameters)) return false;
        if (build) address = new SipNameAddress(uri!, displayName, parameters, isWildcard: false);
        return true;
    }

    public static bool TryParseSingle(ReadOnlySpan<char> s, out SipNameAddress? address) => TryParseSingle(s, build: true, out address);

    /// <summary>One value and nothing after it; with <paramref name="build"/> false only checks it.</summary>
    public static bool TryParseSingle(ReadOnlySpan<char> s, bool build, out SipNameAddress? address)
    {
        var i = 0;
        if (!TryParseAt(s, ref i, build, out address)) return false;
        if (SipGrammar.SkipWhitespace(s, i) == s.Length) return true;
        address = null;
        return false;
    }

    /// <summary>Parses a comma list into <paramref name="into"/>; with a null list only checks it. On failure nothing is added.</summary>
    public static bool TryParseList(ReadOnlySpan<char> s, List<SipNameAddress>? into)
    {
        var start = into?.Count ?? 0;
        var i = 0;
        while (true)
        {
            if (!TryParseAt(s, ref i, build: into is not null, out var address))
            {
                into?.RemoveRange(start, into.Count - start);
                return false;
            }

            into?.Add(address!);
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
