namespace CallService.Sip.Sdp;

/// <summary>
/// An a=fmtp attribute of an RTP format (RFC 4566 6): "a=fmtp:&lt;payload type&gt; &lt;format specific
/// parameters&gt;", e.g. "a=fmtp:101 0-16" (RFC 4733 7.1.1).
/// </summary>
/// <param name="PayloadType">The RTP payload type, 0-127.</param>
/// <param name="Parameters">The parameters as written, possibly empty.</param>
public sealed record SdpFmtp(int PayloadType, string Parameters)
{
    /// <summary>The text after "a=fmtp:".</summary>
    public override string ToString() => Parameters.Length == 0
        ? PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : FormattableString.Invariant($"{PayloadType} {Parameters}");
}
