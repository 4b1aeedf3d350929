namespace CallService.Sip.Rtp;

/// <summary>Settings of an <see cref="RtpSocket"/>.</summary>
public sealed record RtpSocketOptions
{
    /// <summary>RTP clock rate of the received audio, for the jitter computation (RFC 3550 A.8).</summary>
    public int ClockRate { get; init; } = 8000;

    /// <summary>Size of the pooled receive buffer; longer datagrams are counted as bad and dropped.</summary>
    public int MaxDatagramSize { get; init; } = 2048;

    /// <summary>SO_RCVBUF in bytes; null keeps the system default.</summary>
    public int? ReceiveBufferSize { get; init; }

    /// <summary>SO_SNDBUF in bytes; null keeps the system default.</summary>
    public int? SendBufferSize { get; init; }

    /// <summary>
    /// Take arrival times from the kernel's receive timestamp (Linux; ignored elsewhere) instead of
    /// the moment the receive loop ran. Jitter (RFC 3550 A.8) then measures the network, not this
    /// host's scheduling delays; costs one ioctl per packet.
    /// </summary>
    public bool KernelTimestamps { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ClockRate, 1, nameof(ClockRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDatagramSize, RtpHeader.FixedSize, nameof(MaxDatagramSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDatagramSize, 65536, nameof(MaxDatagramSize));
    }
}
