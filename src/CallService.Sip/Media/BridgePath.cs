using System.Buffers;
using CallService.Sip.Rtp;

namespace CallService.Sip.Media;

/// <summary>
/// One direction of a <see cref="MediaBridge"/>: the talker leg's received audio, transcoded to the
/// listener leg's codec, cut into 20 ms frames and buffered in a <see cref="FrameRing"/>; the
/// listener's stream pulls one frame per pacer tick through <see cref="Reader"/>.
/// <para>
/// Threads: <see cref="OnAudio"/> runs on the talker's receive loop (the ring's single producer; it
/// alone touches the transcoder and the frame being assembled), <see cref="Reader"/> on the pacer
/// thread (the single consumer; it alone touches the underrun state), the rest on the bridge's
/// control calls. Nothing on the per-packet or per-tick path locks or allocates. Transcoding runs on
/// the receive side so the one pacer thread shared by every call only copies 160 bytes per tick.
/// </para>
/// </summary>
internal sealed class BridgePath : IDisposable
{
    // RFC 3550 A.1: a packet up to MAX_MISORDER behind the highest sequence seen is late, not a restart.
    private const int MaxMisorder = 100;
    private const int DisposedFlag = 1 << 30;

    private readonly MediaLeg _talker;
    private readonly MediaLeg _listener;
    private readonly FrameRing _ring;
    private readonly Transcoder _transcoder;
    private readonly EncodedFrames _silence;
    private readonly byte[] _lastFrame;
    private readonly int _repeatLimit;
    private readonly TimeSpan _dtmfDuration;

    // Control state, read by the producer.
    private volatile int _active;
    private int _generation;

    // Threads inside OnAudio or ReadFrame, plus DisposedFlag once disposing.
    private int _users;

    // Producer state.
    private int _producerGeneration;
    private int _fill;
    private bool _haveSequence;
    private uint _lastSsrc;
    private ushort _lastSequence;
    private long _packetsReceived;
    private long _latePackets;
    private long _otherPayloadPackets;

    // Consumer state.
    private bool _haveLast;
    private int _repeats;
    private int _silencePosition;
    private long _framesRepeated;
    private long _silenceFrames;

    // Digit relay (receive loop of the talker).
    private long _digitsRelayed;
    private long _digitsNotRelayed;

    public BridgePath(MediaLeg talker, MediaLeg listener, MediaBridgeOptions options)
    {
        _talker = talker;
        _listener = listener;
        _transcoder = new Transcoder(talker.Codec, listener.Codec);
        _silence = SilenceFrames.For(listener.Codec);
        _ring = new FrameRing(options.BufferDepth, _transcoder.To.PayloadBytesPerFrame);
        _lastFrame = ArrayPool<byte>.Shared.Rent(_ring.FrameBytes);
        _repeatLimit = options.RepeatLastFrameOnUnderrun;
        _dtmfDuration = options.DtmfDuration;
        Reader = ReadFrame;
    }

    /// <summary>The pull source to give the listener's stream (<see cref="RtpStream.SetPullSource"/>).</summary>
    public RtpFrameReader Reader { get; }

    public MediaLeg Listener => _listener;

    /// <summary>True while talker audio flows into the buffer (connected and not muted).</summary>
    public bool IsActive => _active != 0;

    public BridgePathStatistics Statistics => new(
        Volatile.Read(ref _packetsReceived),
        _ring.FramesWritten,
        _ring.FramesRead,
        _ring.Overruns,
        _ring.Underruns,
        Volatile.Read(ref _framesRepeated),
        Volatile.Read(ref _silenceFrames),
        Volatile.Read(ref _latePackets),
        Volatile.Read(ref _otherPayloadPackets),
        Interlocked.Read(ref _digitsRelayed),
        Interlocked.Read(ref _digitsNotRelayed));

    /// <summary>
    /// Starts taking talker audio afresh: stale frames from before are discarded and the producer
    /// resets its codec state and sequence tracking on its next packet. Then the caller points the
    /// listener's stream at <see cref="Reader"/>.
    /// </summary>
    public void Activate()
    {
        Interlocked.Increment(ref _generation);
        _ring.Clear();
        _active = 1;
    }

    /// <summary>Stops taking talker audio (after the listener's stream was given another source).</summary>
    public void Deactivate() => _active = 0;

    /// <summary>Producer: one audio packet of the talker.</summary>
    public void OnAudio(in RtpPacket packet)
    {
        if (_active == 0 || !TryEnter())
        {
            return;
        }

        try
        {
            int generation = Volatile.Read(ref _generation);
            if (generation != _producerGeneration)
            {
                _producerGeneration = generation;
                _transcoder.Reset();
                _fill = 0;
                _haveSequence = false;
            }

            if (packet.PayloadType != _talker.ReceivePayloadType)
            {
                Volatile.Write(ref _otherPayloadPackets, _otherPayloadPackets + 1);
                return;
            }

            if (IsLate(packet.Ssrc, packet.SequenceNumber))
            {
                Volatile.Write(ref _latePackets, _latePackets + 1);
                return;
            }

            Volatile.Write(ref _packetsReceived, _packetsReceived + 1);

            // Any packetisation in, 20 ms frames out: every codec here is 64 kbit/s, so the
            // transcoded bytes equal the input bytes and a frame is always FrameBytes long.
            ReadOnlySpan<byte> payload = packet.Payload;
            int frameBytes = _ring.FrameBytes;
            while (!payload.IsEmpty)
            {
                int count = Math.Min(payload.Length, frameBytes - _fill);
                _fill += _transcoder.Transcode(payload[..count], _ring.PendingFrame[_fill..]);
                payload = payload[count..];
                if (_fill == frameBytes)
                {
                    _ring.Publish();
                    _fill = 0;
                }
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>An RFC 4733 digit of the talker: re-sent to the listener while the direction is bridged.</summary>
    public void OnDigit(char digit)
    {
        if (_active == 0)
        {
            return;
        }

        if (_listener.Stream is { } stream && stream.TrySendDtmf(digit, _dtmfDuration))
        {
            Interlocked.Increment(ref _digitsRelayed);
        }
        else
        {
            Interlocked.Increment(ref _digitsNotRelayed);
        }
    }

    /// <summary>
    /// Marks the path disposed, waits for a receive callback or pacer tick still inside it, and
    /// returns the buffers to the pool.
    /// </summary>
    public void Dispose()
    {
        if ((Interlocked.Or(ref _users, DisposedFlag) & DisposedFlag) != 0)
        {
            return;
        }

        _active = 0;
        var spin = default(SpinWait);
        while ((Volatile.Read(ref _users) & ~DisposedFlag) != 0)
        {
            spin.SpinOnce(); // a callback copying at most one packet: microseconds
        }

        _ring.Dispose();
        ArrayPool<byte>.Shared.Return(_lastFrame);
    }

    // Consumer: the listener's stream pulls one frame per tick.
    private int ReadFrame(Span<byte> payload)
    {
        if (!TryEnter())
        {
            return 0;
        }

        try
        {
            int frameBytes = _ring.FrameBytes;
            if (_ring.TryRead(payload))
            {
                if (_repeatLimit > 0)
                {
                    payload[..frameBytes].CopyTo(_lastFrame);
                    _haveLast = true;
                }

                _repeats = 0;
                return frameBytes;
            }

            // Underrun: conceal a single late or lost frame by repeating the last one, then play
            // silence (the talker stopped, e.g. it holds or suppresses silence) so the stream keeps
            // its timing and the far end's jitter buffer its rhythm.
            if (_haveLast && _repeats < _repeatLimit)
            {
                _repeats++;
                Volatile.Write(ref _framesRepeated, _framesRepeated + 1);
                _lastFrame.AsSpan(0, frameBytes).CopyTo(payload);
                return frameBytes;
            }

            _haveLast = false;
            ReadOnlySpan<byte> silence = _silence[_silencePosition];
            _silencePosition = _silencePosition + 1 == _silence.FrameCount ? 0 : _silencePosition + 1;
            silence.CopyTo(payload);
            Volatile.Write(ref _silenceFrames, _silenceFrames + 1);
            return silence.Length;
        }
        finally
        {
            Exit();
        }
    }

    private bool IsLate(uint ssrc, ushort sequence)
    {
        if (_haveSequence && ssrc == _lastSsrc)
        {
            // RFC 3550 A.1: sequence numbers compare modulo 2^16.
            int delta = (short)(ushort)(sequence - _lastSequence);
            if (delta <= 0 && delta > -MaxMisorder)
            {
                return true; // its place in the buffer has passed; playing it now would swap audio
            }
        }

        _haveSequence = true;
        _lastSsrc = ssrc;
        _lastSequence = sequence;
        return false;
    }

    private bool TryEnter()
    {
        if ((Interlocked.Increment(ref _users) & DisposedFlag) != 0)
        {
            Interlocked.Decrement(ref _users);
            return false;
        }

        return true;
    }

    private void Exit() => Interlocked.Decrement(ref _users);
}
