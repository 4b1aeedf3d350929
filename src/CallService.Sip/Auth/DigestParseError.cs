namespace CallService.Sip.Auth;

/// <summary>Why a digest header value was rejected. A request with such credentials gets 400 (RFC 3261 21.4.1).</summary>
public enum DigestParseError
{
    /// <summary>Not rejected.</summary>
    None,

    /// <summary>The value is empty or only white space.</summary>
    Empty,

    /// <summary>The scheme is not "Digest" (for example "Basic", which SIP forbids, RFC 3261 22.1).</summary>
    NotDigestScheme,

    /// <summary>Where an auth-param name (a token) was expected, something else was found.</summary>
    ExpectedParameterName,

    /// <summary>An auth-param name is not followed by "=".</summary>
    ExpectedEquals,

    /// <summary>"=" is followed by neither a token nor a quoted-string.</summary>
    ExpectedValue,

    /// <summary>A quoted-string has no closing quote (or ends in a lone backslash).</summary>
    UnterminatedQuotedString,

    /// <summary>
    /// A quoted-string holds CR, LF or NUL. Header folding is undone by the message parser
    /// (RFC 3261 7.3.1) before the value reaches us, so a raw line break here is an attack
    /// on whatever echoes the value back into a header.
    /// </summary>
    InvalidCharacter,

    /// <summary>Two auth-params are not separated by a comma.</summary>
    ExpectedComma,

    /// <summary>
    /// A parameter appears twice. RFC 7616 3.4 allows each directive once; accepting the
    /// first or the last would let a proxy and us read different credentials.
    /// </summary>
    DuplicateParameter,

    /// <summary>The realm parameter is missing.</summary>
    MissingRealm,

    /// <summary>The nonce parameter is missing.</summary>
    MissingNonce,

    /// <summary>The username parameter is missing.</summary>
    MissingUsername,

    /// <summary>The uri (digest-uri) parameter is missing.</summary>
    MissingUri,

    /// <summary>The response parameter is missing.</summary>
    MissingResponse,

    /// <summary>nc is not exactly 8 hex digits (RFC 3261 25.1: nc-value = 8LHEX).</summary>
    InvalidNonceCount,
}
