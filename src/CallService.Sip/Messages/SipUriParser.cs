using System.Buffers;

namespace CallService.Sip.Messages;

/// <summary>
/// Parses SIP-URI / SIPS-URI (RFC 3261 19.1.1, 25.1) and keeps any other absoluteURI opaque.
/// No whitespace is allowed anywhere in a URI (RFC 4475 3.1.2.8 / 3.1.2.14).
/// With <c>build: false</c> the same grammar is checked without allocating anything (the parser's
/// validation pass); the object is then built on first access.
/// </summary>
internal static class SipUriParser
{
    private static readonly SearchValues<char> UserChar = SipCharacters.UserValues;
    private static readonly SearchValues<char> PasswordChar = SipCharacters.PasswordValues;
    private static readonly SearchValues<char> ParamChar = SipCharacters.ParamValues;
    private static readonly SearchValues<char> HeaderChar = SipCharacters.HeaderValues;

    public static bool TryParse(ReadOnlySpan<char> text, out SipUri? uri) => TryParse(text, build: true, out uri, out _);

    /// <param name="hasHeaders">Whether a sip/sips URI carries a headers component ("?...").</param>
    public static bool TryParse(ReadOnlySpan<char> text, bool build, out SipUri? uri, out bool hasHeaders)
    {
        uri = null;
        hasHeaders = false;
        var colon = text.IndexOf(':');
        if (colon <= 0 || !char.IsAsciiLetter(text[0])) return false;
        var scheme = text[..colon];
        foreach (var c in scheme)
        {
            if (!SipCharacters.IsSchemeChar(c)) return false;
        }

        var rest = text[(colon + 1)..];
        var isSip = scheme.Equals("sip", StringComparison.OrdinalIgnoreCase);
        if (!isSip && !scheme.Equals("sips", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 3261 25.1 absoluteURI: kept opaque; it only has to be non-empty and free of LWS/delimiters.
            if (rest.IsEmpty) return false;
            foreach (var c in rest)
            {
                if (!SipCharacters.IsOpaqueUriChar(c)) return false;
            }

            if (build) uri = SipUri.CreateOpaque(new string(scheme), new string(rest));
            return true;
        }

        return TryParseSip(isSip ? "sip" : "sips", rest, build, out uri, out hasHeaders);
    }

    private static bool TryParseSip(string scheme, ReadOnlySpan<char> rest, bool build, out SipUri? uri, out bool hasHeaders)
    {
        uri = null;
        hasHeaders = false;
        string? user = null;
        string? password = null;

        // RFC 3261 25.1: userinfo may contain ';', '?' and ',' (RFC 4475 3.1.1.9 "user;par=u%40example.net"),
        // but never an unescaped '@', nor can any later component: the first '@' ends the userinfo.
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            var userinfo = rest[..at];
            var colon = userinfo.IndexOf(':');
            var userPart = colon < 0 ? userinfo : userinfo[..colon];
            if (userPart.IsEmpty || !Component(userPart, UserChar, build, out user)) return false;
            if (colon >= 0 && !Component(userinfo[(colon + 1)..], PasswordChar, build, out password)) return false;
            rest = rest[(at + 1)..];
        }

        var hostEnd = SipGrammar.ScanHost(rest, 0);
        if (hostEnd < 0) return false;
        var i = hostEnd;
        int? port = null;
        if (i < rest.Length && rest[i] == ':')
        {
            var p = i + 1;
            while (p < rest.Length && SipCharacters.IsDigit(rest[p])) p++;
            if (!SipGrammar.TryParsePort(rest[(i + 1)..p], out var portValue)) return false;
            port = portValue;
            i = p;
        }

        var parameters = SipParameters.Empty;
        if (i < rest.Length && rest[i] == ';')
        {
            var end = rest[i..].IndexOf('?');
            end = end < 0 ? rest.Length : i + end;
            if (!TryParsePairs(rest[(i + 1)..end], ';', ParamChar, valueRequired: false, build, out parameters)) return false;
            i = end;
        }

        var headers = SipParameters.Empty;
        if (i < rest.Length && rest[i] == '?')
        {
            if (!TryParsePairs(rest[(i + 1)..], '&', HeaderChar, valueRequired: true, build, out headers)) return false;
            hasHeaders = true;
            i = rest.Length;
        }

        if (i != rest.Length) return false;
        if (build) uri = new SipUri(scheme, user, password, new string(rest[..hostEnd]), port, parameters, headers);
        return true;
    }

    private static bool Component(ReadOnlySpan<char> text, SearchValues<char> allowed, bool build, out string? value)
    {
        value = null;
        if (!build) return SipEscaping.IsValid(text, allowed);
        if (!SipEscaping.TryUnescape(text, allowed, out var unescaped)) return false;
        value = unescaped;
        return true;
    }

    /// <summary>uri-parameters (pname ["=" pvalue]) or headers (hname "=" hvalue), unescaped.</summary>
    private static bool TryParsePairs(ReadOnlySpan<char> s, char separator, SearchValues<char> allowed, bool valueRequired, bool build,
        out KeyValuePair<string, string?>[] pairs)
    {
        pairs = SipParameters.Empty;
        var result = build ? new KeyValuePair<string, string?>[s.Count(separator) + 1] : null;
        var n = 0;
        foreach (var range in s.Split(separator))
        {
            var item = s[range];
            var eq = item.IndexOf('=');
            var nameText = eq < 0 ? item : item[..eq];
            if (nameText.IsEmpty || !Component(nameText, allowed, build, out var name)) return false;
            string? value = null;
            if (eq >= 0)
            {
                // pvalue = 1*paramchar; hvalue may be empty.
                var valueText = item[(eq + 1)..];
                if ((!valueRequired && valueText.IsEmpty) || !Component(valueText, allowed, build, out value)) return false;
            }
            else if (valueRequired)
            {
                return false;
            }

            if (result is not null) result[n++] = new KeyValuePair<string, string?>(name!, value);
        }

        if (result is not null) pairs = result;
        return true;
    }
}
