namespace CallService.Sip.Sdp;

/// <summary>
/// A session description (RFC 4566 5): the session-level lines and the media descriptions. Build one
/// with an object initializer or get one from <see cref="SdpParser"/>; <see cref="SdpWriter"/> writes it.
/// </summary>
public sealed record SessionDescription
{
    /// <summary>v=, always 0 (RFC 4566 5.1).</summary>
    public int Version { get; init; }

    /// <summary>o= (RFC 4566 5.2).</summary>
    public required SdpOrigin Origin { get; init; }

    /// <summary>s=. RFC 3264 5: "-" for unicast sessions.</summary>
    public string SessionName { get; init; } = "-";

    /// <summary>The session-level i= line, when present.</summary>
    public string? Information { get; init; }

    /// <summary>u=, when present.</summary>
    public string? Uri { get; init; }

    /// <summary>The e= lines.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>The p= lines.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    /// <summary>The session-level c= line, the default for every media without its own (RFC 4566 5.7).</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The session-level b= lines.</summary>
    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = [];

    /// <summary>The t= lines (at least one) with their r= lines.</summary>
    public IReadOnlyList<SdpTiming> Timings { get; init; } = [new SdpTiming(0, 0)];

    /// <summary>z=, as written, when present.</summary>
    public string? TimeZones { get; init; }

    /// <summary>The session-level k= line, as written (obsolete, RFC 4566 5.12).</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>The session-level direction attribute: the default for media without their own.</summary>
    public SdpDirection? Direction { get; init; }

    /// <summary>Every other session-level a= line, in the order written.</summary>
    public IReadOnlyList<SdpAttribute> OtherAttributes { get; init; } = [];

    /// <summary>The media descriptions in m= line order (RFC 3264 keeps their positions across offers).</summary>
    public IReadOnlyList<MediaDescription> Media { get; init; } = [];

    /// <summary>The connection that applies to a media: its own c= line, else the session's.</summary>
    public SdpConnection? GetConnection(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }

    /// <summary>
    /// The direction that applies to a media: its own attribute, else the session's, else sendrecv
    /// (RFC 4566 6: media level wins; RFC 3264 5.1: sendrecv is the default).
    /// </summary>
    public SdpDirection GetDirection(MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Direction ?? Direction ?? SdpDirection.SendRecv;
    }

    /// <summary>The SDP text (CRLF lines), as <see cref="SdpWriter.Write(SessionDescription)"/> writes it.</summary>
    public override string ToString() => SdpWriter.Write(this);
}
