namespace CallService.Sip.Transport;

/// <summary>Why a byte stream could not be cut into SIP messages (RFC 3261 18.3).</summary>
internal enum TcpFramingError : byte
{
    None,

    /// <summary>No CRLFCRLF within the header block limit.</summary>
    HeaderBlockTooLarge,

    /// <summary>RFC 3261 20.14: on a stream transport Content-Length MUST be present.</summary>
    MissingContentLength,

    /// <summary>Content-Length is not 1*DIGIT, or two Content-Length headers disagree.</summary>
    InvalidContentLength,

    /// <summary>Content-Length exceeds the body limit.</summary>
    BodyTooLarge,
}
