using System.Buffers;

namespace CallService.Sip.Auth;

/// <summary>
/// Reads the auth-param list after the "Digest" scheme (RFC 3261 25.1 digest-cln *(COMMA
/// digest-cln); RFC 7235 2.1 auth-param). Pure and allocation-free: it hands out spans over the
/// input and reports a <see cref="DigestParseError"/> instead of throwing.
/// Liberal where real UAs differ (RFC 3261 "be liberal in what you accept"): any parameter may be
/// quoted or not, empty list elements (", ,") are skipped as RFC 7230 7 #rule allows, and an
/// unquoted value runs to the next white space or comma, so an unquoted base64 nonce with "=" or
/// "/" still parses.
/// </summary>
internal ref struct AuthParamReader
{
    // RFC 3261 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private static readonly SearchValues<char> TokenChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~");

    // Characters that end an unquoted value.
    private static readonly SearchValues<char> ValueStops = SearchValues.Create(" \t\r\n,\"");

    private ReadOnlySpan<char> _rest;
    private bool _needComma;

    public AuthParamReader(ReadOnlySpan<char> parameters)
    {
        _rest = parameters;
        _needComma = false;
    }

    /// <summary>
    /// Reads the next parameter. Returns false at the end of the list (<paramref name="error"/>
    /// is <see cref="DigestParseError.None"/>) or on malformed input (error says why).
    /// </summary>
    public bool TryRead(out AuthParam param, out DigestParseError error)
    {
        param = default;
        while (true)
        {
            _rest = SkipLws(_rest);
            if (_rest.IsEmpty)
            {
                error = DigestParseError.None;
                return false;
            }

            if (_rest[0] != ',')
            {
                break;
            }

            _rest = _rest[1..];
            _needComma = false;
        }

        if (_needComma)
        {
            error = DigestParseError.ExpectedComma;
            return false;
        }

        int nameLength = TokenLength(_rest);
        if (nameLength == 0)
        {
            error = DigestParseError.ExpectedParameterName;
            return false;
        }

        ReadOnlySpan<char> name = _rest[..nameLength];
        _rest = SkipLws(_rest[nameLength..]);

        // RFC 3261 25.1: EQUAL = SWS "=" SWS
        if (_rest.IsEmpty || _rest[0] != '=')
        {
            error = DigestParseError.ExpectedEquals;
            return false;
        }

        _rest = SkipLws(_rest[1..]);
        if (_rest.IsEmpty)
        {
            error = DigestParseError.ExpectedValue;
            return false;
        }

        if (_rest[0] == '"')
        {
            if (!TryReadQuoted(_rest, out int innerLength, out error))
            {
                return false;
            }

            param = new AuthParam(name, _rest.Slice(1, innerLength), isQuoted: true);
            _rest = _rest[(innerLength + 2)..];
        }
        else
        {
            int valueLength = _rest.IndexOfAny(ValueStops);
            if (valueLength < 0)
            {
                valueLength = _rest.Length;
            }

            if (valueLength == 0)
            {
                error = DigestParseError.ExpectedValue;
                return false;
            }

            param = new AuthParam(name, _rest[..valueLength], isQuoted: false);
            _rest = _rest[valueLength..];
        }

        _needComma = true;
        error = DigestParseError.None;
        return true;
    }

    /// <summary>Length of the token at the start of <paramref name="text"/> (0 when none).</summary>
    public static int TokenLength(ReadOnlySpan<char> text)
    {
        int length = text.IndexOfAnyExcept(TokenChars);
        return length < 0 ? text.Length : length;
    }

    /// <summary>Skips LWS (RFC 3261 25.1; CR and LF are tolerated as white space, as after unfolding).</summary>
    public static ReadOnlySpan<char> SkipLws(ReadOnlySpan<char> text) => text.TrimStart(" \t\r\n");

    // RFC 3261 25.1: quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE;
    // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F). Raw CR, LF and NUL are refused (see InvalidCharacter).
    private static bool TryReadQuoted(ReadOnlySpan<char> text, out int innerLength, out DigestParseError error)
    {
        for (int i = 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"')
            {
                innerLength = i - 1;
                error = DigestParseError.None;
                return true;
            }

            if (c == '\\')
            {
                i++;
                if (i >= text.Length)
                {
                    break;
                }

                c = text[i];
            }

            if (c is '\r' or '\n' or '\0')
            {
                innerLength = 0;
                error = DigestParseError.InvalidCharacter;
                return false;
            }
        }

        innerLength = 0;
        error = DigestParseError.UnterminatedQuotedString;
        return false;
    }
}
