namespace CallService.Sip.Messages;

/// <summary>RFC 3261 18.3 framing of messages on a stream transport (TCP/TLS) by Content-Length.</summary>
public static class SipStreamFramer
{
    /// <summary>Largest header section accepted before the framer gives up (protects the connection's buffer).</summary>
    public const int DefaultMaxMessageSize = 65536;

    /// <summary>
    /// Looks at the start of <paramref name="buffer"/>. <paramref name="leadingCrlfs"/> is the number of BYTES
    /// of CRLF to consume before the message (or the bytes of the keep-alive itself);
    /// <paramref name="messageLength"/> is the length of the message after them (0 unless Message).
    /// </summary>
    public static SipFrameResult TryFrame(ReadOnlySpan<byte> buffer, out int leadingCrlfs, out int messageLength) =>
        TryFrame(buffer, DefaultMaxMessageSize, out leadingCrlfs, out messageLength);

    public static SipFrameResult TryFrame(ReadOnlySpan<byte> buffer, int maxMessageSize, out int leadingCrlfs, out int messageLength)
    {
        throw new NotImplementedException();
    }
}
