namespace CallService.Sip.Messages;

/// <summary>
/// The SIP message parser (RFC 3261 7, 25). Pure: bytes in, a message or a typed rejection out;
/// never throws for bad input.
/// </summary>
public static class SipParser
{
    /// <summary>Parses one whole datagram or stream-framed message.</summary>
    public static SipParseResult Parse(ReadOnlySpan<byte> message) => throw new NotImplementedException();
}
