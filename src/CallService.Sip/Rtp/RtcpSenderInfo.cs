namespace CallService.Sip.Rtp;

/// <summary>The sender information section of an SR (RFC 3550 6.4.1).</summary>
/// <param name="NtpTimestamp">Wallclock time of the report, 64-bit NTP format (see <see cref="NtpTimestamp"/>).</param>
/// <param name="RtpTimestamp">The same instant in the units of the stream's RTP timestamps.</param>
/// <param name="PacketCount">RTP data packets sent since the start of transmission.</param>
/// <param name="OctetCount">RTP payload octets sent (headers and padding excluded).</param>
public readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>Size of the section on the wire.</summary>
    public const int Size = 20;
}
