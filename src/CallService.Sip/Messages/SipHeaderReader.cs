namespace CallService.Sip.Messages;

/// <summary>How <see cref="SipHeaderReader.Read"/> ended.</summary>
internal enum SipHeaderReadResult
{
    /// <summary>A header line was read.</summary>
    Header,
    /// <summary>The empty line ending the header section was read; <see cref="SipHeaderReader.Position"/> is the body start.</summary>
    EndOfHeaders,
    /// <summary>The input ended right after a complete header line, without the empty line.</summary>
    EndOfInput,
    /// <summary>The input ended in the middle of a header line.</summary>
    Truncated,
    /// <summary>The line is not "token *WSP : value"; the reader moved past it.</summary>
    Malformed,
}

/// <summary>One header line's position in the raw buffer.</summary>
internal readonly record struct SipHeaderLine(int NameStart, int NameLength, int ValueStart, int ValueLength, bool Folded);

/// <summary>
/// Splits the header section into logical lines (RFC 3261 7.3.1): <c>name HCOLON value</c>, where the value
/// may continue on lines starting with SP or HT. Works on bytes; knows nothing about header semantics.
/// Bare LF line ends are tolerated.
/// </summary>
internal ref struct SipHeaderReader
{
    private readonly ReadOnlySpan<byte> _buffer;

    public SipHeaderReader(ReadOnlySpan<byte> buffer, int position)
    {
        _buffer = buffer;
        Position = position;
    }

    public int Position { get; private set; }

    public SipHeaderReadResult Read(out SipHeaderLine line)
    {
        line = default;
        var buf = _buffer;
        var start = Position;
        if (start >= buf.Length) return SipHeaderReadResult.EndOfInput;

        var first = buf[start];
        if (first == (byte)'\n')
        {
            Position = start + 1;
            return SipHeaderReadResult.EndOfHeaders;
        }

        if (first == (byte)'\r')
        {
            if (start + 1 >= buf.Length) return SipHeaderReadResult.Truncated;
            if (buf[start + 1] == (byte)'\n')
            {
                Position = start + 2;
                return SipHeaderReadResult.EndOfHeaders;
            }
        }

        // Find the end of the logical line: a line end not followed by SP/HT. One scan finds both CR and LF;
        // a CR that does not start a line end is not allowed anywhere in the header section.
        var p = start;
        var folded = false;
        int end;
        while (true)
        {
            var k = buf[p..].IndexOfAny((byte)'\r', (byte)'\n');
            if (k < 0)
            {
                Position = buf.Length;
                return SipHeaderReadResult.Truncated;
            }

            k += p;
            var nl = k;
            if (buf[k] == (byte)'\r')
            {
                if (k + 1 >= buf.Length)
                {
                    Position = buf.Length;
                    return SipHeaderReadResult.Truncated;
                }

                if (buf[k + 1] != (byte)'\n')
                {
                    var next = buf[k..].IndexOf((byte)'\n');
                    Position = next < 0 ? buf.Length : k + next + 1;
                    return SipHeaderReadResult.Malformed;
                }

                nl = k + 1;
            }

            if (nl + 1 < buf.Length && buf[nl + 1] is (byte)' ' or (byte)'\t')
            {
                folded = true;
                p = nl + 1;
                continue;
            }

            end = k;
            Position = nl + 1;
            break;
        }

        var text = buf[start..end];

        if (first is (byte)' ' or (byte)'\t') return SipHeaderReadResult.Malformed; // continuation without a header

        var nameEnd = 0;
        while (nameEnd < text.Length && SipCharacters.IsToken(text[nameEnd])) nameEnd++;
        if (nameEnd == 0) return SipHeaderReadResult.Malformed;

        // HCOLON = *( SP / HTAB ) ":" SWS
        var colon = nameEnd;
        while (colon < text.Length && text[colon] is (byte)' ' or (byte)'\t') colon++;
        if (colon >= text.Length || text[colon] != (byte)':') return SipHeaderReadResult.Malformed;

        var valueStart = colon + 1;
        while (valueStart < text.Length && text[valueStart] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') valueStart++;
        var valueEnd = text.Length;
        while (valueEnd > valueStart && text[valueEnd - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') valueEnd--;

        if (folded) folded = text[valueStart..valueEnd].IndexOfAny((byte)'\r', (byte)'\n') >= 0;
        line = new SipHeaderLine(start, nameEnd, start + valueStart, valueEnd - valueStart, folded);
        return SipHeaderReadResult.Header;
    }
}
