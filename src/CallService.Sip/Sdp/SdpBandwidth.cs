namespace CallService.Sip.Sdp;

/// <summary>A b= line (RFC 4566 5.8): "b=&lt;bwtype&gt;:&lt;bandwidth&gt;", e.g. "b=AS:64" (kbit/s).</summary>
/// <param name="Type">The bandwidth type token (CT, AS, TIAS, RS, RR...).</param>
/// <param name="Value">The bandwidth value.</param>
public sealed record SdpBandwidth(string Type, ulong Value);
