namespace CallService.Sip.Sdp;

/// <summary>
/// An a=rtpmap attribute (RFC 4566 6): "a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock
/// rate&gt;[/&lt;encoding parameters&gt;]". For audio the encoding parameter is the channel count.
/// </summary>
/// <param name="PayloadType">The RTP payload type, 0-127.</param>
/// <param name="EncodingName">The encoding name as written (compare case-insensitively, RFC 4855 3).</param>
/// <param name="ClockRate">The RTP timestamp clock rate in Hz.</param>
/// <param name="Channels">The audio channel count, when written.</param>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>The text after "a=rtpmap:".</summary>
    public override string ToString() => Channels is { } channels
        ? FormattableString.Invariant($"{PayloadType} {EncodingName}/{ClockRate}/{channels}")
        : FormattableString.Invariant($"{PayloadType} {EncodingName}/{ClockRate}");
}
