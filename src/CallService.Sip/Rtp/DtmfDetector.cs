namespace CallService.Sip.Rtp;

/// <summary>
/// Receives RFC 4733 telephone events and reports each event once, on the first packet seen of it.
/// An event is identified by its RTP timestamp (RFC 4733 2.5.2.1), so the growing-duration
/// updates, the three end packets (2.5.1.4) and any retransmission of them are recognised as the
/// same event. Segments of a long event (2.5.2.3: a new timestamp after the 16-bit duration is
/// exhausted) continue the event rather than repeat it. Runs on the receive loop only.
/// </summary>
public sealed class DtmfDetector
{
    private const int History = 8;

    // A segment ends when the duration nears its 16-bit limit (RFC 4733 2.5.2.3).
    private const int SegmentContinuationThreshold = 0xFF00;

    private readonly Seen[] _history = new Seen[History];
    private int _next;
    private int _count;
    private int _last = -1;

    public DtmfDetector(byte payloadType)
    {
        PayloadType = payloadType;
    }

    /// <summary>The telephone-event PT negotiated in SDP (RFC 4733 7.1.1).</summary>
    public byte PayloadType { get; set; }

    /// <summary>Packets that belonged to an event already reported.</summary>
    public long Repeats { get; private set; }

    /// <summary>
    /// Examines one received packet. Returns true, with the event as carried by that packet, the
    /// first time a new event is seen; false for other payload types, malformed payloads and
    /// further packets of a known event.
    /// </summary>
    public bool TryDetect(in RtpPacket packet, out DtmfEvent dtmf)
    {
        if (packet.PayloadType != PayloadType || !DtmfEvent.TryParse(packet.Payload, out dtmf))
        {
            dtmf = default;
            return false;
        }

        uint timestamp = packet.Timestamp;
        for (int i = 0; i < _count; i++)
        {
            ref Seen seen = ref _history[i];
            if (seen.Timestamp == timestamp)
            {
                seen.Ended |= dtmf.End;
                seen.MaxDuration = Math.Max(seen.MaxDuration, dtmf.Duration);
                Repeats++;
                return false;
            }
        }

        bool continuation = _last >= 0
            && _history[_last].Event == dtmf.Event
            && !_history[_last].Ended
            && _history[_last].MaxDuration >= SegmentContinuationThreshold
            && timestamp - _history[_last].Timestamp <= (uint)_history[_last].MaxDuration + 0x1000;

        _last = _next;
        _history[_next] = new Seen { Timestamp = timestamp, Event = dtmf.Event, Ended = dtmf.End, MaxDuration = dtmf.Duration };
        _next = (_next + 1) % History;
        _count = Math.Min(_count + 1, History);
        if (continuation)
        {
            Repeats++;
            return false;
        }

        return true;
    }

    private struct Seen
    {
        public uint Timestamp;
        public byte Event;
        public bool Ended;
        public ushort MaxDuration;
    }
}
