namespace CallService.Sip.Rtp;

/// <summary>Settings of one outgoing RTP stream (RFC 3550 5.1, RFC 3551, RFC 4733).</summary>
public sealed record RtpStreamOptions
{
    /// <summary>PT of the audio (0 PCMU, 8 PCMA, 9 G722 per RFC 3551 6).</summary>
    public byte PayloadType { get; init; }

    /// <summary>
    /// Timestamp advance per 20 ms tick: 160 for PCMU/PCMA and also for G722, whose RTP clock is
    /// 8000 Hz (RFC 3551 4.5.2) although it samples at 16 kHz.
    /// </summary>
    public int SamplesPerFrame { get; init; } = 160;

    /// <summary>RTP clock rate in Hz (8000 for the codecs above).</summary>
    public int ClockRate { get; init; } = 8000;

    /// <summary>PT negotiated for telephone-event (RFC 4733 7.1.1); null disables DTMF sending.</summary>
    public byte? TelephoneEventPayloadType { get; init; }

    /// <summary>
    /// Symmetric RTP (RFC 4961; "latching"): the first packet received from the peer decides where
    /// this stream sends, whatever the SDP said (the peer may be behind NAT).
    /// </summary>
    public bool LatchRemote { get; init; }

    /// <summary>Audio ticks left between two queued DTMF digits.</summary>
    public TimeSpan DtmfInterDigitGap { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Fixed SSRC (tests, or keeping an SSRC across streams); null picks a random one.</summary>
    public uint? Ssrc { get; init; }

    /// <summary>Fixed first sequence number (tests); null picks a random one (RFC 3550 5.1).</summary>
    public ushort? InitialSequenceNumber { get; init; }

    /// <summary>Fixed first timestamp (tests); null picks a random one (RFC 3550 5.1).</summary>
    public uint? InitialTimestamp { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PayloadType, (byte)127, nameof(PayloadType));
        ArgumentOutOfRangeException.ThrowIfLessThan(SamplesPerFrame, 1, nameof(SamplesPerFrame));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClockRate, 1, nameof(ClockRate));
        if (TelephoneEventPayloadType is > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(TelephoneEventPayloadType), "A payload type is 7 bits.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(DtmfInterDigitGap, TimeSpan.Zero, nameof(DtmfInterDigitGap));
    }
}
