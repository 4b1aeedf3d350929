namespace CallService.Sip.Rtp;

/// <summary>
/// Walks the packets of a compound RTCP datagram (RFC 3550 6.1) without allocating:
/// <code>var reader = new RtcpCompoundReader(datagram); while (reader.TryReadNext(out var p)) { ... }</code>
/// After it returns false, <see cref="Error"/> tells whether the end was reached cleanly.
/// </summary>
public ref struct RtcpCompoundReader
{
    private ReadOnlySpan<byte> _remaining;

    public RtcpCompoundReader(ReadOnlySpan<byte> compound)
    {
        _remaining = compound;
        Error = RtcpParseError.None;
    }

    /// <summary><see cref="RtcpParseError.None"/> unless a packet failed to parse.</summary>
    public RtcpParseError Error { get; private set; }

    /// <summary>Reads the next packet; false at the end or on the first malformed packet.</summary>
    public bool TryReadNext(out RtcpPacket packet)
    {
        if (_remaining.IsEmpty || Error != RtcpParseError.None)
        {
            packet = default;
            return false;
        }

        if (!RtcpPacket.TryParse(_remaining, out packet, out int length, out RtcpParseError error))
        {
            Error = error;
            return false;
        }

        _remaining = _remaining[length..];
        return true;
    }
}
