using System.Collections.Concurrent;

namespace CallService.Sip.Rtp;

/// <summary>
/// Emits RFC 4733 telephone events over a stream's 20 ms ticks (2.5.1). Digits are queued from any
/// thread; <see cref="TryWriteNext"/> runs on the pacer thread only. Per event: every packet carries
/// the timestamp of the tick the event began on (2.3.1), the first has the marker bit (2.5.1.1),
/// the duration grows by one frame per packet (2.5.1.2), and the final packet (E bit) is sent three
/// times (2.5.1.4), one per tick. A configurable gap of audio ticks separates consecutive digits.
/// </summary>
internal sealed class DtmfSender
{
    /// <summary>RFC 4733 2.5.1.4: the end packet is sent three times.</summary>
    public const int EndPacketCount = 3;

    // Created on the first digit: most calls never send DTMF, and call setup should allocate little.
    private ConcurrentQueue<Request>? _queue;
    private readonly int _samplesPerFrame;
    private readonly int _gapFrames;

    // Pacer-thread state of the event in progress.
    private bool _active;
    private Request _current;
    private uint _eventTimestamp;
    private int _framesSent;
    private int _endsSent;
    private int _gapLeft;

    public DtmfSender(int samplesPerFrame, int gapFrames)
    {
        _samplesPerFrame = samplesPerFrame;
        _gapFrames = gapFrames;
    }

    /// <summary>RFC 4733 2.5.2.3: duration is 16 bits; longer events are not split here, they are capped.</summary>
    public int MaxFrames => ushort.MaxValue / _samplesPerFrame;

    /// <summary>True while an event is being sent or waits in the queue.</summary>
    public bool IsBusy => _active || Volatile.Read(ref _queue) is { IsEmpty: false };

    public void Enqueue(byte eventCode, int frames, byte volume)
    {
        ConcurrentQueue<Request> queue = Volatile.Read(ref _queue)
            ?? Interlocked.CompareExchange(ref _queue, new ConcurrentQueue<Request>(), null)
            ?? _queue!;
        queue.Enqueue(new Request(eventCode, Math.Clamp(frames, 1, MaxFrames), volume));
    }

    /// <summary>
    /// Called once per tick. When an event occupies this tick, writes its 4-byte payload and
    /// returns true with the marker and the event's timestamp to put in the RTP header.
    /// </summary>
    public bool TryWriteNext(uint tickTimestamp, Span<byte> payload, out bool marker, out uint eventTimestamp)
    {
        marker = false;
        eventTimestamp = 0;
        if (!_active)
        {
            if (_gapLeft > 0)
            {
                _gapLeft--;
                return false;
            }

            if (Volatile.Read(ref _queue) is not { } queue || !queue.TryDequeue(out _current))
            {
                return false;
            }

            _active = true;
            _eventTimestamp = tickTimestamp;
            _framesSent = 0;
            _endsSent = 0;
            marker = true;
        }

        eventTimestamp = _eventTimestamp;
        if (_framesSent < _current.Frames)
        {
            _framesSent++;
        }

        bool end = _framesSent == _current.Frames;
        if (end)
        {
            _endsSent++;
        }

        var dtmf = new DtmfEvent(_current.Event, end, _current.Volume, (ushort)(_framesSent * _samplesPerFrame));
        dtmf.WriteTo(payload);
        if (_endsSent == EndPacketCount)
        {
            _active = false;
            _gapLeft = _gapFrames;
        }

        return true;
    }

    private readonly record struct Request(byte Event, int Frames, byte Volume);
}
