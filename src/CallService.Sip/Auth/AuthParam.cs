using System.Buffers;

namespace CallService.Sip.Auth;

/// <summary>
/// One auth-param of a digest header value (RFC 3261 25.1: auth-param = auth-param-name EQUAL
/// ( token / quoted-string )), as spans over the header text.
/// </summary>
internal readonly ref struct AuthParam
{
    public AuthParam(ReadOnlySpan<char> name, ReadOnlySpan<char> rawValue, bool isQuoted)
    {
        Name = name;
        RawValue = rawValue;
        IsQuoted = isQuoted;
    }

    /// <summary>The parameter name; compare it case-insensitively (RFC 7616 3.3).</summary>
    public ReadOnlySpan<char> Name { get; }

    /// <summary>The value: a token, or the inside of a quoted-string with quoted-pairs still escaped.</summary>
    public ReadOnlySpan<char> RawValue { get; }

    /// <summary>True when the value was a quoted-string.</summary>
    public bool IsQuoted { get; }

    /// <summary>The value with quoted-pairs undone ("\x" becomes "x", RFC 3261 25.1 quoted-pair).</summary>
    public string ValueToString()
    {
        if (!IsQuoted || !RawValue.Contains('\\'))
        {
            return new string(RawValue);
        }

        ReadOnlySpan<char> raw = RawValue;
        char[]? rented = null;
        Span<char> buffer = raw.Length <= 256
            ? stackalloc char[256]
            : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        int written = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            // The reader guarantees a backslash is never the last character.
            buffer[written++] = raw[i] == '\\' ? raw[++i] : raw[i];
        }

        string value = new(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return value;
    }
}
