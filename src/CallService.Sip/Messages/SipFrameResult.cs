namespace CallService.Sip.Messages;

/// <summary>What <see cref="SipStreamFramer.TryFrame"/> found at the start of a stream buffer.</summary>
public enum SipFrameResult
{
    /// <summary>The buffer holds only part of a message; read more bytes.</summary>
    NeedMoreData,
    /// <summary>A whole message follows the skipped leading CRLFs.</summary>
    Message,
    /// <summary>A CRLF keep-alive (RFC 5626 3.5.1: CRLFCRLF ping, CRLF pong).</summary>
    KeepAlive,
    /// <summary>Framing is unrecoverable (bad or duplicate Content-Length, oversized header): close the connection.</summary>
    Invalid,
}
