namespace CallService.Sip.Messages;

/// <summary>Why the parser rejected a message. <see cref="SipRejections"/> maps each to a response.</summary>
public enum SipParseError
{
    None,
    Empty,
    BadStartLine,
    /// <summary>SIP version other than 2.0: 505 Version Not Supported (RFC 3261 8.2.2 / 21.5.20).</summary>
    BadVersion,
    BadHeaderSyntax,
    MissingRequiredHeader,
    BadRequestUri,
    BadCSeq,
    CSeqMethodMismatch,
    BadContentLength,
    BodyTooShort,
    MessageTooLarge,
    BadVia,
    BadFromTo,
    BadCallId,
    BadMaxForwards,
    BadStatusCode,
    DuplicateSingletonHeader,
    BadContact,
    BadRoute,
    MissingHeaderTerminator,
}
