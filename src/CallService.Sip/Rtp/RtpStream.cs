using System.Net;
using System.Security.Cryptography;
using CallService.Sip.Media;

namespace CallService.Sip.Rtp;

/// <summary>
/// One outgoing RTP stream (RFC 3550 5.1): SSRC, sequence number and timestamp stay continuous for
/// the life of the call while the media source (ringback, prompt, bridged leg) and the remote
/// address change underneath. The <see cref="RtpPacer"/> drives it: every 20 ms tick the timestamp
/// advances by <see cref="SamplesPerFrame"/> whether or not a packet goes out (the timestamp follows
/// wall time, RFC 3550 5.1), and the sequence number advances by one per packet sent.
/// All setters are safe from any thread; the tick itself runs on the pacer thread only.
/// </summary>
public sealed class RtpStream
{
    private readonly IRtpSender _sender;
    private readonly DtmfSender _dtmf;
    private readonly byte? _telephoneEventPayloadType;
    private readonly bool _latchRemote;

    // Shared with other threads.
    private volatile IMediaSource? _source;
    private volatile IPEndPoint? _remote;
    private volatile int _sourceChanged;
    private volatile int _closed;
    private volatile int _latched;
    private int _payloadType;
    private long _packetsSent;
    private long _octetsSent;
    private long _dtmfPacketsSent;

    // Pacer-thread state.
    private ushort _sequence;
    private uint _timestamp;
    private bool _markerPending = true; // RFC 3551 4.1: the first packet of the stream starts a talkspurt
    private IMediaSource? _finishedSource;

    // Seqlock over (last tick deadline, its RTP timestamp), read by the SR builder from other threads.
    private int _tickVersion;
    private long _lastTickDeadline;
    private uint _lastTickTimestamp;

    public RtpStream(IRtpSender sender, RtpStreamOptions options, IPEndPoint? remote = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _sender = sender;
        _payloadType = options.PayloadType;
        SamplesPerFrame = options.SamplesPerFrame;
        ClockRate = options.ClockRate;
        _telephoneEventPayloadType = options.TelephoneEventPayloadType;
        _latchRemote = options.LatchRemote;
        _remote = remote;

        // RFC 3550 5.1/8.1: SSRC, initial sequence number and timestamp are random (unpredictable).
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Ssrc = options.Ssrc ?? BitConverter.ToUInt32(random);
        _sequence = options.InitialSequenceNumber ?? BitConverter.ToUInt16(random[4..]);
        _timestamp = options.InitialTimestamp ?? BitConverter.ToUInt32(random[6..]);
        _lastTickTimestamp = _timestamp;

        long gapSamples = (long)Math.Ceiling(options.DtmfInterDigitGap.TotalSeconds * options.ClockRate);
        _dtmf = new DtmfSender(SamplesPerFrame, (int)((gapSamples + SamplesPerFrame - 1) / SamplesPerFrame));
    }

    public uint Ssrc { get; }

    public int SamplesPerFrame { get; }

    public int ClockRate { get; }

    /// <summary>PT of audio packets; may change on a re-INVITE (the next packet then carries the marker).</summary>
    public byte PayloadType
    {
        get => (byte)Volatile.Read(ref _payloadType);
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, (byte)127);
            Volatile.Write(ref _payloadType, value);
            _sourceChanged = 1;
        }
    }

    /// <summary>The sequence number the next packet will carry.</summary>
    public ushort NextSequenceNumber => Volatile.Read(ref _sequence);

    /// <summary>The timestamp of the next tick.</summary>
    public uint NextTimestamp => Volatile.Read(ref _timestamp);

    /// <summary>Where packets go; null until known (nothing is sent meanwhile).</summary>
    public IPEndPoint? RemoteEndPoint => _remote;

    public IMediaSource? Source => _source;

    public long PacketsSent => Volatile.Read(ref _packetsSent);

    /// <summary>Payload octets sent (RFC 3550 6.4.1 sender's octet count).</summary>
    public long OctetsSent => Volatile.Read(ref _octetsSent);

    public long DtmfPacketsSent => Volatile.Read(ref _dtmfPacketsSent);

    public bool IsClosed => _closed != 0;

    /// <summary>True while a DTMF event is being sent or queued.</summary>
    public bool IsSendingDtmf => _dtmf.IsBusy;

    /// <summary>
    /// Raised (on the thread pool, once per source) when the current source reports
    /// <see cref="IMediaSource.IsFinished"/>: a one-shot prompt has played out.
    /// </summary>
    public event Action<RtpStream, IMediaSource>? SourceFinished;

    /// <summary>
    /// Switches what the stream plays from the next tick on (null: send nothing). SSRC, sequence
    /// and timestamp continue; the next packet carries the marker (a new talkspurt).
    /// </summary>
    public void SetSource(IMediaSource? source)
    {
        _source = source;
        _sourceChanged = 1;
    }

    /// <summary>Switches to a pull delegate (e.g. audio bridged from another leg).</summary>
    public void SetPullSource(RtpFrameReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        SetSource(new FrameReaderSource(reader));
    }

    /// <summary>Sets where packets go (SDP of an offer/answer or re-INVITE); null stops sending.</summary>
    public void SetRemote(IPEndPoint? remote) => _remote = remote;

    /// <summary>
    /// Symmetric RTP latching: when enabled in the options and not yet latched, adopts the source
    /// address of a received packet as the remote and returns true. Later calls return false until
    /// <see cref="ResetLatch"/>.
    /// </summary>
    public bool TryLatchRemote(IPEndPoint observed)
    {
        ArgumentNullException.ThrowIfNull(observed);

        // Called for every received packet: the common case (already latched) is one volatile read.
        if (!_latchRemote || _latched != 0 || Interlocked.CompareExchange(ref _latched, 1, 0) != 0)
        {
            return false;
        }

        _remote = observed;
        return true;
    }

    /// <summary>Lets the next received packet latch again (e.g. after a re-INVITE moved the peer).</summary>
    public void ResetLatch() => _latched = 0;

    /// <summary>
    /// Queues a DTMF digit ('0'-'9', '*', '#', 'A'-'D') as RFC 4733 events that replace audio while
    /// they last. False when the digit is not DTMF or no telephone-event PT was negotiated.
    /// </summary>
    public bool TrySendDtmf(char digit, TimeSpan duration, byte volume = 10)
    {
        if (_telephoneEventPayloadType is null || !DtmfEvent.TryGetEventCode(digit, out byte code))
        {
            return false;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, DtmfEvent.MaxVolume);
        long samples = (long)Math.Ceiling(duration.TotalSeconds * ClockRate);
        _dtmf.Enqueue(code, (int)Math.Min((samples + SamplesPerFrame - 1) / SamplesPerFrame, int.MaxValue), volume);
        return true;
    }

    /// <summary>Stops the stream for good; the pacer drops it on its next tick.</summary>
    public void Close() => _closed = 1;

    /// <summary>
    /// RFC 3550 6.4.1: writes an SR for this stream; the RTP timestamp is the one matching
    /// <paramref name="clock"/>'s present instant, extrapolated from the last tick.
    /// </summary>
    public bool TryWriteSenderReport(
        Span<byte> destination,
        TimeProvider clock,
        ReadOnlySpan<RtcpReportBlock> reportBlocks,
        out int written)
    {
        ArgumentNullException.ThrowIfNull(clock);
        long deadline;
        uint tickTimestamp;
        int version;
        var spin = default(SpinWait);
        do
        {
            version = Volatile.Read(ref _tickVersion);
            deadline = Volatile.Read(ref _lastTickDeadline);
            tickTimestamp = Volatile.Read(ref _lastTickTimestamp);
            if ((version & 1) != 0)
            {
                spin.SpinOnce();
            }
        }
        while ((version & 1) != 0 || version != Volatile.Read(ref _tickVersion));

        DateTimeOffset wallclock = clock.GetUtcNow();
        uint rtpTimestamp = tickTimestamp;
        if (version != 0)
        {
            TimeSpan sinceTick = clock.GetElapsedTime(deadline);
            rtpTimestamp += (uint)(long)(sinceTick.TotalSeconds * ClockRate);
        }

        var info = new RtcpSenderInfo(
            NtpTimestamp.FromDateTimeOffset(wallclock),
            rtpTimestamp,
            (uint)PacketsSent,
            (uint)OctetsSent);
        return RtcpWriter.TryWriteSenderReport(destination, Ssrc, info, reportBlocks, out written);
    }

    /// <summary>Pacer slot (or -1) and owner: written by <see cref="RtpPacer"/> only.</summary>
    internal int PacerSlot { get; set; } = -1;

    internal RtpPacer? Pacer;

    internal int PacerFaults { get; set; }

    /// <summary>
    /// One 20 ms tick (pacer thread only): sends this tick's frame (a DTMF event if one is active,
    /// otherwise the source's payload) into <paramref name="buffer"/> and advances the timestamp.
    /// <paramref name="deadline"/> is the tick's scheduled monotonic timestamp.
    /// </summary>
    internal RtpTickOutcome Tick(Span<byte> buffer, long deadline)
    {
        if (_closed != 0)
        {
            return RtpTickOutcome.Closed;
        }

        uint timestamp = _timestamp;
        RecordTick(deadline, timestamp);
        _timestamp = timestamp + (uint)SamplesPerFrame;

        if (_sourceChanged != 0)
        {
            _sourceChanged = 0;
            _markerPending = true;
        }

        IPEndPoint? remote = _remote;
        Span<byte> payload = buffer[RtpHeader.FixedSize..];

        // Read the source even while DTMF plays or no remote is known, so prompts keep wall time.
        int length = ReadSource(payload);

        if (_telephoneEventPayloadType is byte eventPt
            && _dtmf.TryWriteNext(timestamp, payload, out bool eventMarker, out uint eventTimestamp))
        {
            // RFC 4733 2.5.1: events replace audio; the audio after the event starts a new talkspurt.
            _markerPending = true;
            if (remote is null)
            {
                return RtpTickOutcome.Silent;
            }

            SendPacket(buffer, new RtpHeader(eventMarker, eventPt, _sequence, eventTimestamp, Ssrc), DtmfEvent.Size, remote);
            Volatile.Write(ref _dtmfPacketsSent, _dtmfPacketsSent + 1);
            return RtpTickOutcome.Sent;
        }

        if (length <= 0 || remote is null)
        {
            // RFC 3551 4.1: after silence the next packet begins a talkspurt and carries the marker.
            _markerPending = true;
            return RtpTickOutcome.Silent;
        }

        SendPacket(buffer, new RtpHeader(_markerPending, PayloadType, _sequence, timestamp, Ssrc), length, remote);
        _markerPending = false;
        return RtpTickOutcome.Sent;
    }

    /// <summary>
    /// The pacer fell too far behind and dropped <paramref name="frames"/> ticks: the timestamp
    /// still follows wall time and the next packet marks the discontinuity.
    /// </summary>
    internal void SkipFrames(int frames)
    {
        _timestamp += (uint)(frames * SamplesPerFrame);
        _markerPending = true;
    }

    private int ReadSource(Span<byte> payload)
    {
        IMediaSource? source = _source;
        if (source is null)
        {
            return 0;
        }

        int length;
        try
        {
            length = source.ReadFrame(payload);
        }
        catch (Exception) when (ReferenceEquals(source, _source))
        {
            // A broken source must not take the pacer down: drop it; the stream goes silent.
            Interlocked.CompareExchange(ref _source, null, source);
            throw;
        }

        if (length <= 0 && !ReferenceEquals(_finishedSource, source) && source.IsFinished)
        {
            _finishedSource = source;
            if (SourceFinished is not null)
            {
                ThreadPool.UnsafeQueueUserWorkItem(
                    static state => state.Stream.SourceFinished?.Invoke(state.Stream, state.Source),
                    (Stream: this, Source: source),
                    preferLocal: false);
            }
        }

        return Math.Min(length, payload.Length);
    }

    private void SendPacket(Span<byte> buffer, in RtpHeader header, int payloadLength, IPEndPoint remote)
    {
        RtpPacketWriter.WriteHeader(buffer, header);
        _sender.Send(buffer[..(RtpHeader.FixedSize + payloadLength)], remote);
        _sequence = (ushort)(header.SequenceNumber + 1);
        // Single writer (the pacer thread): plain volatile stores, no interlocked cost per packet.
        Volatile.Write(ref _packetsSent, _packetsSent + 1);
        Volatile.Write(ref _octetsSent, _octetsSent + payloadLength);
    }

    private void RecordTick(long deadline, uint timestamp)
    {
        Volatile.Write(ref _tickVersion, _tickVersion + 1);
        Volatile.Write(ref _lastTickDeadline, deadline);
        Volatile.Write(ref _lastTickTimestamp, timestamp);
        Volatile.Write(ref _tickVersion, _tickVersion + 1);
    }

    private sealed class FrameReaderSource(RtpFrameReader reader) : IMediaSource
    {
        public bool IsFinished => false;

        public int ReadFrame(Span<byte> payload) => reader(payload);
    }
}
