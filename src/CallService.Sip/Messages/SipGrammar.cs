using System.Text;

namespace CallService.Sip.Messages;

/// <summary>Small scanners for the RFC 3261 25.1 lexical rules (LWS, token, quoted-string) over unfolded text.</summary>
internal static class SipGrammar
{
    /// <summary>Skips SWS. After unfolding LWS is SP/HT; CR/LF are tolerated for hand-built values.</summary>
    public static int SkipWhitespace(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && SipCharacters.IsWhitespace(s[i])) i++;
        return i;
    }

    public static int ScanToken(ReadOnlySpan<char> s, int i)
    {
        var n = s[i..].IndexOfAnyExcept(SipCharacters.TokenValues);
        return n < 0 ? s.Length : i + n;
    }

    /// <summary>
    /// Finds the end of the quoted-string starting at <paramref name="i"/> (which must be a DQUOTE).
    /// Returns the index after the closing quote, or -1 when it is unterminated.
    /// </summary>
    public static int ScanQuotedString(ReadOnlySpan<char> s, int i)
    {
        for (i++; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\')
            {
                // RFC 3261 25.1 quoted-pair: "\" followed by any octet except CR and LF.
                if (i + 1 >= s.Length || s[i + 1] is '\r' or '\n') return -1;
                i++;
            }
            else if (c == '"')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>The content of a quoted-string (without its quotes) with quoted-pairs resolved.</summary>
    public static string Unquote(ReadOnlySpan<char> quotedContent)
    {
        if (quotedContent.IndexOf('\\') < 0) return new string(quotedContent);
        var sb = new StringBuilder(quotedContent.Length);
        for (var i = 0; i < quotedContent.Length; i++)
        {
            var c = quotedContent[i];
            if (c == '\\' && i + 1 < quotedContent.Length) c = quotedContent[++i];
            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Writes <paramref name="value"/> as a quoted-string, escaping DQUOTE and backslash.</summary>
    public static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            // RFC 3261 25.1: quoted-pair cannot carry CR or LF; they would end the header line.
            if (c is '\r' or '\n')
            {
                sb.Append(' ');
                continue;
            }

            if (c is '"' or '\\' || (c < 0x20 && c != '\t') || c == 0x7F) sb.Append('\\');
            sb.Append(c);
        }

        sb.Append('"');
    }

    /// <summary>Parses 1*DIGIT as an unsigned 32-bit number; false on overflow or non-digits.</summary>
    public static bool TryParseUInt32(ReadOnlySpan<char> s, out uint value)
    {
        value = 0;
        if (s.IsEmpty) return false;
        ulong v = 0;
        foreach (var c in s)
        {
            if (!SipCharacters.IsDigit(c)) return false;
            v = (v * 10) + (uint)(c - '0');
            if (v > uint.MaxValue) return false;
        }

        value = (uint)v;
        return true;
    }

    /// <summary>Scans a host (hostname, IPv4 or "[IPv6]") at <paramref name="i"/>; returns its end or -1.</summary>
    public static int ScanHost(ReadOnlySpan<char> s, int i)
    {
        if (i >= s.Length) return -1;
        if (s[i] == '[')
        {
            var j = i + 1;
            while (j < s.Length && (SipCharacters.HexValue(s[j]) >= 0 || s[j] is ':' or '.')) j++;
            if (j >= s.Length || s[j] != ']' || j == i + 1) return -1;
            return j + 1;
        }

        var n = s[i..].IndexOfAnyExcept(SipCharacters.HostValues);
        var k = n < 0 ? s.Length : i + n;
        return k == i ? -1 : k;
    }

    /// <summary>Parses a port (1*DIGIT, at most 65535).</summary>
    public static bool TryParsePort(ReadOnlySpan<char> s, out int port)
    {
        port = 0;
        if (s.IsEmpty || s.Length > 5) return false;
        foreach (var c in s)
        {
            if (!SipCharacters.IsDigit(c)) return false;
            port = (port * 10) + (c - '0');
        }

        return port <= 65535;
    }
}
