using System.Text;

namespace CallService.Sip.Auth;

/// <summary>
/// Writes "Digest name=value, ..." the way deployed UAs accept it (RFC 7616 3.4: realm, nonce,
/// uri, response, cnonce, opaque, username and domain as quoted-strings; algorithm, qop, nc and
/// stale as tokens, since "a sender MUST NOT generate the quoted string syntax" for those).
/// </summary>
internal sealed class DigestHeaderWriter
{
    private readonly StringBuilder _text = new StringBuilder(256).Append(DigestHeaderSyntax.Scheme).Append(' ');
    private bool _first = true;

    /// <summary>Appends name="value", escaping '"' and '\' as quoted-pairs (RFC 3261 25.1).</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL, which no quoted-string may carry.</exception>
    public DigestHeaderWriter Quoted(string name, string value)
    {
        if (value.AsSpan().IndexOfAny("\r\n\0") >= 0)
        {
            throw new ArgumentException($"Digest parameter '{name}' must not contain CR, LF or NUL.", nameof(value));
        }

        Separator().Append(name).Append("=\"");
        foreach (char c in value)
        {
            if (c is '"' or '\\')
            {
                _text.Append('\\');
            }

            _text.Append(c);
        }

        _text.Append('"');
        return this;
    }

    /// <summary>
    /// Appends name=value unquoted. A value that is not a token (only possible when echoing an
    /// unrecognized algorithm from the wire) is quoted instead, so it cannot break the list.
    /// </summary>
    public DigestHeaderWriter Token(string name, string value)
    {
        if (value.Length == 0 || AuthParamReader.TokenLength(value) != value.Length)
        {
            return Quoted(name, value);
        }

        Separator().Append(name).Append('=').Append(value);
        return this;
    }

    public override string ToString() => _text.ToString();

    private StringBuilder Separator()
    {
        if (!_first)
        {
            _text.Append(", ");
        }

        _first = false;
        return _text;
    }
}
