namespace CallService.Sip.Rtp;

/// <summary>
/// Reception statistics of one leg (RFC 3550 6.4.1, appendix A): packets, extended highest
/// sequence, cumulative and interval loss (A.3), duplicates, and interarrival jitter (A.8).
/// A change of SSRC starts a new source; loss of the previous sources stays in <see cref="Lost"/>.
/// <see cref="Update"/> runs on the receive loop only; the properties may be read from anywhere.
/// </summary>
public sealed class RtpReceiveStatistics
{
    // RFC 3550 A.1 constants.
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int SequenceMod = 1 << 16;
    private const int DuplicateWindow = 64;

    private readonly long _timestampFrequency;
    private readonly int _clockRate;

    private bool _hasSource;
    private uint _ssrc;
    private ushort _maxSeq;
    private long _cycles;
    private long _baseSeq;
    private int _badSeq = SequenceMod + 1;
    private ulong _window; // bit i: extended sequence (max - i) was received
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _lostPreviousSources;

    private bool _hasTransit;
    private uint _transit;
    private long _jitterScaled; // jitter * 16, RFC 3550 A.8
    private long _arrivalOrigin;

    private long _packets;
    private long _octets;
    private long _duplicates;
    private long _sequenceJumps;
    private long _sourceChanges;

    /// <param name="timestampFrequency">Frequency of the arrival timestamps (TimeProvider.TimestampFrequency).</param>
    /// <param name="clockRate">RTP clock rate of the received payload (8000 for PCMU, PCMA, G722).</param>
    public RtpReceiveStatistics(long timestampFrequency, int clockRate = 8000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timestampFrequency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        _timestampFrequency = timestampFrequency;
        _clockRate = clockRate;
    }

    /// <summary>
    /// Packets of this PT (telephone-event) count for sequence and loss but not for jitter: their
    /// timestamp stays at the event start while they keep arriving, which is not network jitter.
    /// </summary>
    public byte? JitterExcludedPayloadType { get; set; }

    /// <summary>SSRC of the current source (0 before the first packet).</summary>
    public uint Ssrc => Volatile.Read(ref _ssrc);

    /// <summary>Distinct packets received (duplicates and unconfirmed jumps excluded).</summary>
    public long PacketsReceived => Volatile.Read(ref _packets);

    /// <summary>Payload octets of those packets.</summary>
    public long OctetsReceived => Volatile.Read(ref _octets);

    public long Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Packets dropped by the A.1 large-jump check.</summary>
    public long SequenceJumps => Volatile.Read(ref _sequenceJumps);

    /// <summary>Times the SSRC changed after the first packet.</summary>
    public long SourceChanges => Volatile.Read(ref _sourceChanges);

    /// <summary>RFC 3550 A.3: cumulative packets lost (expected minus received), all sources.</summary>
    public long Lost => Volatile.Read(ref _lostPreviousSources) + CurrentSourceLost;

    /// <summary>RFC 3550 A.1: cycles in the high 16 bits, highest sequence number in the low 16.</summary>
    public uint ExtendedHighestSequence => (uint)(Volatile.Read(ref _cycles) + Volatile.Read(ref _maxSeq));

    /// <summary>RFC 3550 A.8: interarrival jitter in timestamp units.</summary>
    public uint Jitter => (uint)(Volatile.Read(ref _jitterScaled) >> 4);

    /// <summary>The jitter as time.</summary>
    public TimeSpan JitterTime => TimeSpan.FromSeconds((double)Jitter / _clockRate);

    private long CurrentSourceLost
    {
        get
        {
            if (!Volatile.Read(ref _hasSource))
            {
                return 0;
            }

            long expected = Volatile.Read(ref _cycles) + Volatile.Read(ref _maxSeq) - Volatile.Read(ref _baseSeq) + 1;
            return expected - Volatile.Read(ref _received);
        }
    }

    /// <summary>Accounts for one valid RTP packet that arrived at <paramref name="arrivalTimestamp"/>.</summary>
    public RtpReceiveOutcome Update(in RtpPacket packet, long arrivalTimestamp)
    {
        ushort seq = packet.SequenceNumber;
        if (!_hasSource || packet.Ssrc != _ssrc)
        {
            if (_hasSource)
            {
                Volatile.Write(ref _lostPreviousSources, _lostPreviousSources + CurrentSourceLost);
                Volatile.Write(ref _sourceChanges, _sourceChanges + 1);
            }

            Volatile.Write(ref _ssrc, packet.Ssrc);
            InitSequence(seq);
            _hasTransit = false;
            Volatile.Write(ref _jitterScaled, 0);
            _arrivalOrigin = arrivalTimestamp;
            Volatile.Write(ref _hasSource, true);
        }
        else
        {
            RtpReceiveOutcome? rejected = UpdateSequence(seq);
            if (rejected is RtpReceiveOutcome outcome)
            {
                return outcome;
            }
        }

        Volatile.Write(ref _received, _received + 1);
        Volatile.Write(ref _packets, _packets + 1);
        Volatile.Write(ref _octets, _octets + packet.Payload.Length);
        if (packet.PayloadType != JitterExcludedPayloadType)
        {
            UpdateJitter(packet.Timestamp, arrivalTimestamp);
        }

        return RtpReceiveOutcome.Accepted;
    }

    /// <summary>
    /// RFC 3550 6.4.1/A.3: a report block on the current source; the fraction lost covers the
    /// interval since the previous call. <paramref name="lastSenderReport"/> and
    /// <paramref name="delaySinceLastSenderReport"/> come from the caller's SR bookkeeping (0 if none).
    /// </summary>
    public RtcpReportBlock CreateReportBlock(uint lastSenderReport = 0, uint delaySinceLastSenderReport = 0)
    {
        long expected = _cycles + _maxSeq - _baseSeq + 1;
        long expectedInterval = expected - _expectedPrior;
        long receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        long lostInterval = expectedInterval - receivedInterval;
        byte fraction = expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)((lostInterval << 8) / expectedInterval);
        long lost = Math.Clamp(CurrentSourceLost, RtcpReportBlock.MinCumulativeLost, RtcpReportBlock.MaxCumulativeLost);
        return new RtcpReportBlock(_ssrc, fraction, (int)lost, ExtendedHighestSequence, Jitter, lastSenderReport, delaySinceLastSenderReport);
    }

    private void InitSequence(ushort seq)
    {
        // RFC 3550 A.1 init_seq.
        Volatile.Write(ref _baseSeq, seq);
        Volatile.Write(ref _maxSeq, seq);
        Volatile.Write(ref _cycles, 0);
        Volatile.Write(ref _received, 0);
        _badSeq = SequenceMod + 1;
        _expectedPrior = 0;
        _receivedPrior = 0;
        _window = 1;
    }

    private RtpReceiveOutcome? UpdateSequence(ushort seq)
    {
        // RFC 3550 A.1 update_seq, plus a 64-packet window that recognises exact duplicates.
        int udelta = (ushort)(seq - _maxSeq);
        if (udelta == 0)
        {
            Volatile.Write(ref _duplicates, _duplicates + 1);
            return RtpReceiveOutcome.Duplicate;
        }

        if (udelta < MaxDropout)
        {
            if (seq < _maxSeq)
            {
                Volatile.Write(ref _cycles, _cycles + SequenceMod); // wrapped
            }

            Volatile.Write(ref _maxSeq, seq);
            _window = udelta >= DuplicateWindow ? 1 : (_window << udelta) | 1;
            return null;
        }

        if (udelta <= SequenceMod - MaxMisorder)
        {
            if (seq == _badSeq)
            {
                // Two sequential packets: the peer restarted its sequence. Keep the loss so far.
                Volatile.Write(ref _lostPreviousSources, _lostPreviousSources + CurrentSourceLost);
                InitSequence(seq);
                return null;
            }

            _badSeq = (seq + 1) & (SequenceMod - 1);
            Volatile.Write(ref _sequenceJumps, _sequenceJumps + 1);
            return RtpReceiveOutcome.SequenceJump;
        }

        // Reordered (or duplicate) packet from up to MaxMisorder back.
        int back = SequenceMod - udelta;
        if (back < DuplicateWindow)
        {
            ulong bit = 1UL << back;
            if ((_window & bit) != 0)
            {
                Volatile.Write(ref _duplicates, _duplicates + 1);
                return RtpReceiveOutcome.Duplicate;
            }

            _window |= bit;
        }

        return null;
    }

    private void UpdateJitter(uint rtpTimestamp, long arrivalTimestamp)
    {
        // RFC 3550 A.8: arrival in timestamp units; J += (|D| - J) / 16, kept scaled by 16.
        long ticks = arrivalTimestamp - _arrivalOrigin;
        long units = (ticks / _timestampFrequency * _clockRate) + (ticks % _timestampFrequency * _clockRate / _timestampFrequency);
        uint transit = (uint)units - rtpTimestamp;
        if (_hasTransit)
        {
            long d = Math.Abs((long)(int)(transit - _transit));
            Volatile.Write(ref _jitterScaled, _jitterScaled + d - ((_jitterScaled + 8) >> 4));
        }

        _transit = transit;
        _hasTransit = true;
    }
}
