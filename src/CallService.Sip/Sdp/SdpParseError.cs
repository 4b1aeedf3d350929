namespace CallService.Sip.Sdp;

/// <summary>Why <see cref="SdpParser"/> rejected a session description. A SIP user agent answers 400 or 488.</summary>
public enum SdpParseError
{
    /// <summary>No error: the parse succeeded.</summary>
    None,

    /// <summary>The body is empty or only blank lines.</summary>
    Empty,

    /// <summary>The bytes are not valid UTF-8 (RFC 4566 5: the default charset is UTF-8).</summary>
    InvalidEncoding,

    /// <summary>A line is not "&lt;type&gt;=&lt;value&gt;" with a single lower-case letter type (RFC 4566 5).</summary>
    MalformedLine,

    /// <summary>A type letter RFC 4566 does not define; 5 says to ignore the whole description.</summary>
    UnknownLineType,

    /// <summary>A session-only line (v, o, s, u, e, p, t, r, z) after the first m= line, or r= before any t=.</summary>
    LineOutOfPlace,

    /// <summary>A line that may appear once (v, o, s, i, u, c, z, k per section) appears again.</summary>
    DuplicateLine,

    /// <summary>The first line is not v= (RFC 4566 5).</summary>
    MissingVersion,

    /// <summary>v= is not 0.</summary>
    UnsupportedVersion,

    /// <summary>There is no o= line.</summary>
    MissingOrigin,

    /// <summary>The o= line does not follow RFC 4566 5.2.</summary>
    BadOrigin,

    /// <summary>There is no s= line.</summary>
    MissingSessionName,

    /// <summary>A c= line does not follow RFC 4566 5.7.</summary>
    BadConnection,

    /// <summary>A media with a non-zero port has no c= line and neither has the session (RFC 4566 5.7).</summary>
    MissingConnection,

    /// <summary>A b= line does not follow RFC 4566 5.8.</summary>
    BadBandwidth,

    /// <summary>There is no t= line.</summary>
    MissingTiming,

    /// <summary>A t= line does not follow RFC 4566 5.9.</summary>
    BadTiming,

    /// <summary>An m= line does not follow RFC 4566 5.14 (media, port, proto and at least one format).</summary>
    BadMedia,

    /// <summary>An a= line has no attribute name.</summary>
    BadAttribute,
}
