using System.Globalization;

namespace CallService.Sip.Sdp;

/// <summary>
/// One media description (RFC 4566 5.14): the m= line and the i=, c=, b=, k= and a= lines under it.
/// The attributes this library understands are typed; every other a= line is kept in
/// <see cref="OtherAttributes"/>.
/// </summary>
public sealed record MediaDescription
{
    /// <summary>The "audio" media type.</summary>
    public const string AudioMedia = "audio";

    /// <summary>The RTP/AVP transport protocol (RFC 3551).</summary>
    public const string RtpAvpProtocol = "RTP/AVP";

    /// <summary>The media type: "audio", "video", "text", "application", "message", "image".</summary>
    public required string Media { get; init; }

    /// <summary>The transport port. RFC 3264 6: 0 marks a rejected (or disabled) stream.</summary>
    public required int Port { get; init; }

    /// <summary>The "/&lt;number of ports&gt;" of the m= line, when written.</summary>
    public int? PortCount { get; init; }

    /// <summary>The transport protocol, e.g. "RTP/AVP".</summary>
    public required string Protocol { get; init; }

    /// <summary>The media formats of the m= line in order; for RTP, payload type numbers in preference order.</summary>
    public required IReadOnlyList<string> Formats { get; init; }

    /// <summary>The i= line of this media, when present.</summary>
    public string? Information { get; init; }

    /// <summary>The media-level c= line; when absent the session-level one applies (RFC 4566 5.7).</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The b= lines of this media.</summary>
    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = [];

    /// <summary>The k= line of this media, as written (obsolete, RFC 4566 5.12).</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>The a=rtpmap attributes.</summary>
    public IReadOnlyList<SdpRtpMap> RtpMaps { get; init; } = [];

    /// <summary>The a=fmtp attributes with a numeric format.</summary>
    public IReadOnlyList<SdpFmtp> Fmtps { get; init; } = [];

    /// <summary>a=ptime: the packet duration in milliseconds the author wants to receive (RFC 4566 6).</summary>
    public int? Ptime { get; init; }

    /// <summary>a=maxptime: the longest packet duration the author can receive, in milliseconds.</summary>
    public int? MaxPtime { get; init; }

    /// <summary>The media-level direction attribute; it overrides the session-level one (RFC 4566 6).</summary>
    public SdpDirection? Direction { get; init; }

    /// <summary>a=rtcp (RFC 3605), when present.</summary>
    public SdpRtcp? Rtcp { get; init; }

    /// <summary>Every other a= line of this media, in the order written.</summary>
    public IReadOnlyList<SdpAttribute> OtherAttributes { get; init; } = [];

    /// <summary>RFC 3264 6: a stream with port 0 is rejected (in an answer) or disabled (in an offer).</summary>
    public bool IsRejected => Port == 0;

    /// <summary>True for an RTP profile ("RTP/AVP", "RTP/SAVP", "RTP/AVPF"...), whose formats are payload types.</summary>
    public bool IsRtp => Protocol.StartsWith("RTP/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The formats that are RTP payload type numbers, in m= line order.</summary>
    public IEnumerable<int> PayloadTypes
    {
        get
        {
            foreach (var format in Formats)
            {
                if (int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var payloadType))
                {
                    yield return payloadType;
                }
            }
        }
    }

    /// <summary>The a=rtpmap of a payload type, or null.</summary>
    public SdpRtpMap? FindRtpMap(int payloadType)
    {
        foreach (var rtpMap in RtpMaps)
        {
            if (rtpMap.PayloadType == payloadType)
            {
                return rtpMap;
            }
        }

        return null;
    }

    /// <summary>The a=fmtp of a payload type, or null.</summary>
    public SdpFmtp? FindFmtp(int payloadType)
    {
        foreach (var fmtp in Fmtps)
        {
            if (fmtp.PayloadType == payloadType)
            {
                return fmtp;
            }
        }

        return null;
    }

    /// <summary>The first other attribute with this name, or null.</summary>
    public SdpAttribute? FindAttribute(string name)
    {
        foreach (var attribute in OtherAttributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.Ordinal))
            {
                return attribute;
            }
        }

        return null;
    }
}
