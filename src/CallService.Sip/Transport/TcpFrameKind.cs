namespace CallService.Sip.Transport;

/// <summary>What the TCP framer found at the front of a connection's buffered bytes.</summary>
internal enum TcpFrameKind : byte
{
    /// <summary>Not a whole frame yet; keep reading.</summary>
    NeedMoreData,

    /// <summary>A whole SIP message: header block plus Content-Length body bytes.</summary>
    Message,

    /// <summary>RFC 5626 3.5.1: a double-CRLF "ping"; the receiver answers with a single CRLF "pong".</summary>
    KeepAlivePing,

    /// <summary>RFC 5626 3.5.1 "pong", or RFC 3261 7.5 CRLF before a start-line: consumed and ignored.</summary>
    KeepAlivePong,

    /// <summary>The stream cannot be framed any further; the connection must be closed.</summary>
    Invalid,
}
