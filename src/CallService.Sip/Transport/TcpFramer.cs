namespace CallService.Sip.Transport;

/// <summary>
/// Cuts a SIP byte stream into messages (RFC 3261 18.3): the header block ends at the first CRLFCRLF and the
/// body is exactly Content-Length bytes. It does not parse SIP; it only reads Content-Length ("l" compact form).
/// One instance per connection: it remembers how far it has searched so a message trickling in byte by byte
/// costs O(n), not O(n^2). Pure: bytes in, a <see cref="TcpFrame"/> out; it never throws on bad input.
/// </summary>
/// <remarks>
/// Contract: after a consuming result (Message, KeepAlivePing, KeepAlivePong) the caller drops exactly
/// <see cref="TcpFrame.Length"/> bytes from the front before calling <see cref="Next"/> again; after
/// NeedMoreData it calls again with the same bytes plus more.
/// </remarks>
internal sealed class TcpFramer
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private readonly int _maxHeaderBytes;
    private readonly int _maxBodyBytes;

    // Bytes of the current frame already searched for CRLFCRLF (0 = at a frame boundary).
    private int _scanned;

    // Whole length of the current message once its header block has been read, else 0.
    private int _frameLength;

    public TcpFramer(int maxHeaderBytes, int maxBodyBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeaderBytes, 4);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBodyBytes);
        _maxHeaderBytes = maxHeaderBytes;
        _maxBodyBytes = maxBodyBytes;
    }

    /// <summary>The largest frame this framer can return: header block limit plus body limit.</summary>
    public int MaxFrameLength => _maxHeaderBytes + _maxBodyBytes;

    /// <summary>Decides what the front of <paramref name="buffered"/> is.</summary>
    public TcpFrame Next(ReadOnlySpan<byte> buffered)
    {
        if (_frameLength > 0)
        {
            return buffered.Length >= _frameLength ? Consume(TcpFrameKind.Message, _frameLength) : TcpFrame.NeedMore(_frameLength);
        }

        if (_scanned == 0 && buffered.Length > 0 && buffered[0] == Cr)
        {
            if (TryKeepAlive(buffered, out TcpFrame keepAlive))
            {
                return keepAlive;
            }
        }

        // RFC 3261 7.5 / 18.3: the header block ends at the first empty line. Resume 3 bytes back in case the
        // previous read ended inside a CRLFCRLF.
        int limit = Math.Min(buffered.Length, _maxHeaderBytes);
        int from = Math.Max(0, _scanned - 3);
        int found = from < limit ? buffered[from..limit].IndexOf("\r\n\r\n"u8) : -1;
        if (found < 0)
        {
            _scanned = limit;
            return buffered.Length >= _maxHeaderBytes
                ? Fail(TcpFramingError.HeaderBlockTooLarge)
                : TcpFrame.NeedMore(0);
        }

        int headerLength = from + found + 4;
        TcpFramingError error = TryReadContentLength(buffered[..headerLength], out long contentLength);
        if (error != TcpFramingError.None)
        {
            return Fail(error);
        }

        if (contentLength > _maxBodyBytes)
        {
            return Fail(TcpFramingError.BodyTooLarge);
        }

        _frameLength = headerLength + (int)contentLength;
        return buffered.Length >= _frameLength ? Consume(TcpFrameKind.Message, _frameLength) : TcpFrame.NeedMore(_frameLength);
    }

    /// <summary>Forgets any partial frame (used when the connection's buffer is discarded).</summary>
    public void Reset()
    {
        _scanned = 0;
        _frameLength = 0;
    }

    // RFC 5626 3.5.1: CRLFCRLF is a ping (answer CRLF); a lone CRLF is a pong. RFC 3261 7.5: CRLFs before a
    // start-line are ignored. A lone CRLF at the end of the buffer may be the first half of a ping: wait.
    private bool TryKeepAlive(ReadOnlySpan<byte> buffered, out TcpFrame frame)
    {
        frame = TcpFrame.NeedMore(0);
        if (buffered.Length < 2)
        {
            return true;
        }

        if (buffered[1] != Lf)
        {
            return false; // not a CRLF: let the header search treat it as (broken) message text
        }

        if (buffered.Length == 2 || (buffered.Length == 3 && buffered[2] == Cr))
        {
            return true;
        }

        frame = buffered[2] == Cr && buffered[3] == Lf
            ? Consume(TcpFrameKind.KeepAlivePing, 4)
            : Consume(TcpFrameKind.KeepAlivePong, 2);
        return true;
    }

    private TcpFrame Consume(TcpFrameKind kind, int length)
    {
        Reset();
        return new TcpFrame(kind, length);
    }

    private TcpFrame Fail(TcpFramingError error)
    {
        Reset();
        return TcpFrame.Invalid(error);
    }

    /// <summary>
    /// Finds Content-Length (or compact "l", case-insensitive, RFC 3261 7.3.3 / 20.14) in a header block that
    /// ends with CRLFCRLF. HCOLON allows SP/HT before the colon; the value may be surrounded by LWS, including
    /// line folding (RFC 3261 7.3.1). Two Content-Length headers must agree.
    /// </summary>
    internal static TcpFramingError TryReadContentLength(ReadOnlySpan<byte> headerBlock, out long contentLength)
    {
        contentLength = -1;
        int lineEnd = headerBlock.IndexOf("\r\n"u8);
        int position = lineEnd + 2; // skip the start-line
        while (position < headerBlock.Length - 2)
        {
            int end = LogicalHeaderEnd(headerBlock, position);
            ReadOnlySpan<byte> header = headerBlock[position..end];
            position = end + 2;

            int colon = header.IndexOf((byte)':');
            if (colon <= 0 || !IsContentLengthName(header[..colon].TrimEnd(" \t"u8)))
            {
                continue; // not ours; malformed lines are the parser's business
            }

            if (!TryParseDigits(header[(colon + 1)..], out long value))
            {
                return TcpFramingError.InvalidContentLength;
            }

            if (contentLength >= 0 && contentLength != value)
            {
                return TcpFramingError.InvalidContentLength;
            }

            contentLength = value;
        }

        return contentLength < 0 ? TcpFramingError.MissingContentLength : TcpFramingError.None;
    }

    // A header field ends at a CRLF not followed by SP/HT (RFC 3261 7.3.1 folding). The block ends with CRLFCRLF,
    // so a CRLF is always found.
    private static int LogicalHeaderEnd(ReadOnlySpan<byte> block, int start)
    {
        int at = start;
        while (true)
        {
            int crlf = block[at..].IndexOf("\r\n"u8);
            int end = at + crlf;
            if (end + 2 < block.Length && (block[end + 2] == (byte)' ' || block[end + 2] == (byte)'\t'))
            {
                at = end + 2;
                continue;
            }

            return end;
        }
    }

    private static bool IsContentLengthName(ReadOnlySpan<byte> name) =>
        (name.Length == 1 && (name[0] | 0x20) == (byte)'l')
        || System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8);

    // 1*DIGIT surrounded by LWS (SP, HT, CRLF of folded lines). Values beyond int range are clamped so the
    // body limit rejects them instead of overflowing.
    private static bool TryParseDigits(ReadOnlySpan<byte> value, out long number)
    {
        number = 0;
        ReadOnlySpan<byte> trimmed = value.Trim(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            return false;
        }

        foreach (byte b in trimmed)
        {
            if (b < (byte)'0' || b > (byte)'9')
            {
                return false;
            }

            number = Math.Min(number * 10 + (b - '0'), (long)int.MaxValue + 1);
        }

        return true;
    }
}
