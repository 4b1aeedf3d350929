namespace CallService.Sip.Messages;

/// <summary>
/// RFC 3261 18.3 framing on stream transports (TCP/TLS): a message is its header section plus
/// Content-Length octets of body. Pure: looks at bytes, never consumes or throws.
/// </summary>
public static class SipStreamFramer
{
    /// <summary>Largest message (headers + body) accepted before the framer declares the stream invalid.</summary>
    public const int DefaultMaxMessageSize = 65536;

    /// <summary>
    /// Looks at the start of <paramref name="buffer"/>. <paramref name="leadingCrlfs"/> is the number of OCTETS
    /// to consume first: the CRLFs ignored before a message (RFC 3261 7.5), or the keep-alive itself
    /// (RFC 5626 3.5.1: "\r\n\r\n" ping = 4, "\r\n" pong = 2). <paramref name="messageLength"/> is the length
    /// of the message after them (0 unless <see cref="SipFrameResult.Message"/>).
    /// A missing Content-Length counts as 0 (RFC 3261 20.14 requires it on streams).
    /// </summary>
    public static SipFrameResult TryFrame(ReadOnlySpan<byte> buffer, out int leadingCrlfs, out int messageLength) =>
        TryFrame(buffer, DefaultMaxMessageSize, out leadingCrlfs, out messageLength);

    public static SipFrameResult TryFrame(ReadOnlySpan<byte> buffer, int maxMessageSize, out int leadingCrlfs, out int messageLength)
    {
        leadingCrlfs = 0;
        messageLength = 0;
        if (buffer.IsEmpty) return SipFrameResult.NeedMoreData;

        var run = buffer.IndexOfAnyExcept((byte)'\r', (byte)'\n');
        if (run < 0) run = buffer.Length;
        if (run >= 4)
        {
            leadingCrlfs = 4;
            return SipFrameResult.KeepAlive;
        }

        if (run > 0 && run == buffer.Length)
        {
            // "\r\n" is a pong (or a lone CRLF); "\r" and "\r\n\r" may still become a ping.
            if (buffer[run - 1] == (byte)'\r') return SipFrameResult.NeedMoreData;
            leadingCrlfs = run;
            return SipFrameResult.KeepAlive;
        }

        leadingCrlfs = run;
        var message = buffer[run..];
        var lineFeed = message.IndexOf((byte)'\n');
        if (lineFeed < 0) return message.Length > maxMessageSize ? SipFrameResult.Invalid : SipFrameResult.NeedMoreData;

        var reader = new SipHeaderReader(message, lineFeed + 1);
        var contentLength = -1;
        while (true)
        {
            var result = reader.Read(out var line);
            if (result == SipHeaderReadResult.Header)
            {
                var id = SipHeaderNames.Lookup(message.Slice(line.NameStart, line.NameLength));
                if (id != SipHeaderId.ContentLength) continue;

                // RFC 4475 3.1.2.3 / 3.3.9: a bad or repeated Content-Length makes the stream unframeable.
                if (contentLength >= 0 || !SipParser.TryParseContentLength(message.Slice(line.ValueStart, line.ValueLength), out contentLength))
                {
                    return SipFrameResult.Invalid;
                }

                continue;
            }

            if (result == SipHeaderReadResult.Malformed) continue; // framing still holds; the parser rejects the line
            if (result == SipHeaderReadResult.EndOfHeaders) break;
            return message.Length > maxMessageSize ? SipFrameResult.Invalid : SipFrameResult.NeedMoreData;
        }

        var total = (long)reader.Position + Math.Max(contentLength, 0);
        if (total > maxMessageSize) return SipFrameResult.Invalid;
        if (total > message.Length) return SipFrameResult.NeedMoreData;
        messageLength = (int)total;
        return SipFrameResult.Message;
    }
}
