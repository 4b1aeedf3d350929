using System.Buffers;
using System.Text;

namespace CallService.Sip.Messages;

/// <summary>
/// RFC 3261 25.1 "escaped" (%HH) handling for URI components. Values are held unescaped in the model
/// and re-escaped on output, so "%75ser" and "user" compare equal (RFC 3261 19.1.4).
/// </summary>
internal static class SipEscaping
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Checks <paramref name="text"/> is made of allowed characters and well-formed escapes, without unescaping.</summary>
    public static bool IsValid(ReadOnlySpan<char> text, SearchValues<char> allowed)
    {
        while (true)
        {
            var other = text.IndexOfAnyExcept(allowed);
            if (other < 0) return true;
            if (text[other] != '%' || other + 2 >= text.Length
                || SipCharacters.HexValue(text[other + 1]) < 0 || SipCharacters.HexValue(text[other + 2]) < 0)
            {
                return false;
            }

            text = text[(other + 3)..];
        }
    }

    /// <summary>
    /// Checks <paramref name="text"/> is made of allowed characters and well-formed escapes, and returns it
    /// unescaped. Escaped octets decode as UTF-8, or as Latin-1 when they are not valid UTF-8.
    /// </summary>
    public static bool TryUnescape(ReadOnlySpan<char> text, SearchValues<char> allowed, out string value)
    {
        var other = text.IndexOfAnyExcept(allowed);
        if (other < 0)
        {
            value = SipStrings.Get(text);
            return true;
        }

        if (text[other] != '%')
        {
            value = "";
            return false;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(text.Length);
        try
        {
            var n = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '%')
                {
                    if (i + 2 >= text.Length)
                    {
                        value = "";
                        return false;
                    }

                    var hi = SipCharacters.HexValue(text[i + 1]);
                    var lo = SipCharacters.HexValue(text[i + 2]);
                    if (hi < 0 || lo < 0)
                    {
                        value = "";
                        return false;
                    }

                    bytes[n++] = (byte)((hi << 4) | lo);
                    i += 2;
                }
                else if (allowed.Contains(c))
                {
                    bytes[n++] = (byte)c; // allowed characters are all ASCII
                }
                else
                {
                    value = "";
                    return false;
                }
            }

            try
            {
                value = StrictUtf8.GetString(bytes, 0, n);
            }
            catch (DecoderFallbackException)
            {
                value = Encoding.Latin1.GetString(bytes, 0, n);
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Appends <paramref name="value"/>, escaping every character outside <paramref name="allowed"/> as UTF-8 %HH.</summary>
    public static void Append(StringBuilder sb, string value, SearchValues<char> allowed)
    {
        if (value.AsSpan().IndexOfAnyExcept(allowed) < 0)
        {
            sb.Append(value);
            return;
        }

        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (allowed.Contains(c))
            {
                sb.Append(c);
                continue;
            }

            int n;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                n = Encoding.UTF8.GetBytes(value.AsSpan(i, 2), utf8);
                i++;
            }
            else
            {
                n = Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            }

            for (var k = 0; k < n; k++)
            {
                sb.Append('%').Append("0123456789ABCDEF"[utf8[k] >> 4]).Append("0123456789ABCDEF"[utf8[k] & 0xF]);
            }
        }
    }
}
