using System.Text;

namespace CallService.Sip.Messages;

/// <summary>
/// The SIP message parser (RFC 3261 7, 18.3, 25). Pure: bytes in, a message or a typed rejection out;
/// it never throws for bad input. The message keeps one copy of the bytes: header values are slices
/// of it, turned into strings only when read. The headers every transaction needs (Via, From, To,
/// Call-ID, CSeq, Max-Forwards, Contact, Route, Record-Route) are validated here, so their typed
/// getters are safe on any message this returns.
/// </summary>
public static class SipParser
{
    /// <summary>Largest message accepted by <see cref="Parse(ReadOnlySpan{byte})"/> (a UDP datagram is at most 65,507 octets).</summary>
    public const int DefaultMaxMessageSize = 65536;

    /// <summary>Most header lines accepted in one message.</summary>
    public const int MaxHeaderLines = 512;

    /// <summary>Parses one whole datagram or stream-framed message.</summary>
    public static SipParseResult Parse(ReadOnlySpan<byte> message) => Parse(message, DefaultMaxMessageSize);

    /// <summary>Parses one whole datagram or stream-framed message of at most <paramref name="maxMessageSize"/> octets.</summary>
    public static SipParseResult Parse(ReadOnlySpan<byte> message, int maxMessageSize)
    {
        // RFC 3261 7.5: CRLFs before the start line are ignored.
        var start = 0;
        while (start < message.Length && message[start] is (byte)'\r' or (byte)'\n') start++;
        if (start == message.Length) return SipParseResult.Fail(SipParseError.Empty, "no message");
        message = message[start..];
        if (message.Length > maxMessageSize)
        {
            return SipParseResult.Fail(SipParseError.MessageTooLarge, $"{message.Length} octets, limit {maxMessageSize}");
        }

        var raw = message.ToArray();

        // Header values are decoded into a per-thread scratch buffer for checking (never kept).
        var scratch = t_scratch;
        if (scratch is null || scratch.Length < raw.Length)
        {
            scratch = new char[Math.Max(raw.Length, 2048)];
            if (scratch.Length <= MaxCachedScratch) t_scratch = scratch;
        }

        return ParseCore(raw, scratch);
    }

    private const int MaxCachedScratch = 65536;

    [ThreadStatic]
    private static char[]? t_scratch;

    private static SipParseResult ParseCore(byte[] raw, char[] scratch)
    {
        var lineFeed = raw.AsSpan().IndexOf((byte)'\n');
        if (lineFeed < 0) return SipParseResult.Fail(SipParseError.BadStartLine, "no line end after the start line");
        var lineEnd = lineFeed > 0 && raw[lineFeed - 1] == (byte)'\r' ? lineFeed - 1 : lineFeed;
        var startLine = new SipStartLine(raw.AsSpan(0, lineEnd), scratch);

        var headerResult = ReadHeaders(raw, lineFeed + 1, out var headers, out var bodyStart);
        SipRequest? partial = null;
        if (startLine.IsRequest && startLine.MethodToken is not null)
        {
            partial = new SipRequest(startLine.Method, startLine.MethodToken, raw, startLine.UriStart, startLine.UriLength, headers);
        }

        if (startLine.Error != SipParseError.None) return SipParseResult.Fail(startLine.Error, startLine.Detail, partial);
        if (headerResult.Error != SipParseError.None) return SipParseResult.Fail(headerResult.Error, headerResult.Detail, partial);

        // RFC 3261 18.3: Content-Length frames the body. In a datagram a longer body is truncated and a
        // shorter one is an error (RFC 4475 3.1.2.2); without Content-Length the body runs to the end.
        var bodyLength = raw.Length - bodyStart;
        var contentLength = headers.IndexOf(SipHeaderId.ContentLength, 0);
        if (contentLength >= 0)
        {
            if (headers.IndexOf(SipHeaderId.ContentLength, contentLength + 1) >= 0)
            {
                return SipParseResult.Fail(SipParseError.BadContentLength, "more than one Content-Length", partial); // RFC 4475 3.3.9
            }

            ref readonly var e = ref headers.EntryAt(contentLength);
            if (!TryParseContentLength(raw.AsSpan(e.ValueStart, e.ValueLength), out var declared))
            {
                return SipParseResult.Fail(SipParseError.BadContentLength, "Content-Length is not 1*DIGIT", partial); // RFC 4475 3.1.2.3
            }

            if (declared > bodyLength)
            {
                return SipParseResult.Fail(SipParseError.BodyTooShort, $"Content-Length {declared}, body {bodyLength} octets", partial);
            }

            bodyLength = declared;
        }

        var validation = new SipRequiredHeaders(raw, headers, scratch);
        if (!validation.TryValidate(startLine.IsRequest ? startLine.MethodToken : null, out var error, out var detail))
        {
            return SipParseResult.Fail(error, detail, partial);
        }

        SipMessage message = startLine.IsRequest
            ? partial!
            : new SipResponse(startLine.StatusCode, startLine.ReasonPhrase!, headers);
        message.Body = raw.AsMemory(bodyStart, bodyLength);
        validation.Apply(message);
        return SipParseResult.Ok(message);
    }

    [ThreadStatic]
    private static RawLine[]? t_lines;

    /// <summary>A header line found in the raw buffer (no references, so collecting them costs no GC barriers).</summary>
    private struct RawLine
    {
        public SipHeaderLine Line;
        public SipHeaderId Id;
    }

    private static (SipParseError Error, string? Detail) ReadHeaders(byte[] raw, int position, out SipHeaderCollection headers, out int bodyStart)
    {
        // Lines are collected in a per-thread scratch array, then one exactly sized entry array is filled.
        var lines = t_lines ??= new RawLine[MaxHeaderLines];
        var count = 0;
        var error = SipParseError.None;
        string? detail = null;
        var reader = new SipHeaderReader(raw, position);
        while (true)
        {
            var result = reader.Read(out var line);
            if (result == SipHeaderReadResult.Header)
            {
                if (count == MaxHeaderLines)
                {
                    error = SipParseError.MessageTooLarge;
                    detail = $"more than {MaxHeaderLines} header lines";
                    break;
                }

                ref var slot = ref lines[count++];
                slot.Line = line;
                slot.Id = SipHeaderNames.Lookup(raw.AsSpan(line.NameStart, line.NameLength));
                continue;
            }

            if (result == SipHeaderReadResult.Malformed)
            {
                // Keep reading: the other lines still let the stack answer the request (RFC 3261 8.2).
                if (error == SipParseError.None)
                {
                    error = SipParseError.BadHeaderSyntax;
                    detail = $"malformed header line {count + 2}";
                }

                continue;
            }

            if (result == SipHeaderReadResult.Truncated && error == SipParseError.None)
            {
                error = SipParseError.MissingHeaderTerminator;
                detail = "the message ends inside a header line";
            }

            break;
        }

        var entries = new SipHeaderEntry[Math.Max(count, 4)];
        for (var i = 0; i < count; i++)
        {
            ref readonly var source = ref lines[i];
            ref var e = ref entries[i];
            e.Id = source.Id;
            e.HasRaw = true;
            e.Folded = source.Line.Folded;
            e.NameStart = source.Line.NameStart;
            e.NameLength = source.Line.NameLength;
            e.ValueStart = source.Line.ValueStart;
            e.ValueLength = source.Line.ValueLength;
        }

        headers = new SipHeaderCollection(raw, entries, count);
        bodyStart = Math.Min(reader.Position, raw.Length);
        return (error, detail);
    }

    /// <summary>Content-Length = 1*DIGIT (RFC 3261 20.14); surrounding LWS is allowed.</summary>
    internal static bool TryParseContentLength(ReadOnlySpan<byte> value, out int length)
    {
        length = 0;
        value = value.Trim(" \t\r\n"u8);
        if (value.IsEmpty || value.Length > 10) return false;
        long v = 0;
        foreach (var b in value)
        {
            if ((uint)(b - '0') > 9) return false;
            v = (v * 10) + (b - '0');
        }

        if (v > int.MaxValue) return false;
        length = (int)v;
        return true;
    }

    /// <summary>The text of the start line's version field compared with "SIP/2.0" (RFC 3261 7.1: case-insensitive).</summary>
    internal static SipParseError CheckVersion(ReadOnlySpan<byte> version)
    {
        if (Ascii.EqualsIgnoreCase(version, "SIP/2.0"u8)) return SipParseError.None;

        // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT: well-formed but not 2.0 is 505 (RFC 4475 3.1.2.16).
        if (version.Length >= 7 && Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8))
        {
            var rest = version[4..];
            var dot = rest.IndexOf((byte)'.');
            if (dot > 0 && dot < rest.Length - 1 && AllDigits(rest[..dot]) && AllDigits(rest[(dot + 1)..])) return SipParseError.BadVersion;
        }

        return SipParseError.BadStartLine;
    }

    private static bool AllDigits(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if ((uint)(b - '0') > 9) return false;
        }

        return !s.IsEmpty;
    }
}
