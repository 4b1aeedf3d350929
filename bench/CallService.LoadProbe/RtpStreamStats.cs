namespace CallService.LoadProbe;

/// <summary>What one receiver socket saw of one RTP stream (one service source port).</summary>
internal sealed class RtpStreamStats(int sourcePort, bool perStreamHistogram)
{
    public int SourcePort { get; } = sourcePort;

    public uint Ssrc { get; private set; }

    public int SsrcChanges { get; private set; }

    public long FirstNs { get; private set; }

    public long LastNs { get; private set; }

    public long Packets { get; private set; }

    /// <summary>Packets that arrived inside the measurement window.</summary>
    public long WindowPackets { get; private set; }

    /// <summary>Sequence numbers never seen between two packets inside the window.</summary>
    public long Missing { get; private set; }

    public long Duplicates { get; private set; }

    public long Reordered { get; private set; }

    /// <summary>
    /// Consecutive sequence numbers whose RTP timestamps are not one 20 ms frame apart: a new
    /// talkspurt (e.g. the silent tick when the greeting gives way to hold music). Their inter-arrival
    /// is the source's silence, not pacing jitter, so it is not in <see cref="Intervals"/>.
    /// </summary>
    public long TalkspurtBreaks { get; private set; }

    /// <summary>The longest inter-arrival across a talkspurt break inside the window.</summary>
    public long MaxBreakNs { get; private set; }

    /// <summary>Inter-arrival of consecutive sequence numbers inside the window (0.1 ms bins to 100 ms).</summary>
    public Histogram? Intervals { get; } = perStreamHistogram ? new Histogram(100_000, 1000) : null;

    public long MaxIntervalNs { get; private set; }

    private ushort _lastSeq;
    private uint _lastTimestamp;
    private long _lastNs;

    /// <summary>Samples per 20 ms frame on the RTP clock (8000 Hz for PCMU, PCMA and G.722).</summary>
    public const uint SamplesPerFrame = 160;

    /// <summary>Accounts one packet; returns the inter-arrival to record in the window histogram, or -1.</summary>
    public long Add(uint ssrc, ushort seq, uint timestamp, long ns, long windowStart, long windowEnd)
    {
        bool inWindow = ns >= windowStart && ns <= windowEnd;
        if (Packets == 0)
        {
            Ssrc = ssrc;
            FirstNs = ns;
        }
        else if (ssrc != Ssrc)
        {
            SsrcChanges++;
            Ssrc = ssrc;
            Packets++;
            _lastSeq = seq;
            _lastTimestamp = timestamp;
            _lastNs = ns;
            LastNs = ns;
            return -1;
        }
        long interval = -1;
        if (Packets > 0)
        {
            int delta = (ushort)(seq - _lastSeq);
            if (delta == 0)
            {
                Duplicates++;
                return -1;
            }
            if (delta > 0x8000)
            {
                Reordered++;
                return -1;
            }
            bool previousInWindow = _lastNs >= windowStart && _lastNs <= windowEnd;
            if (inWindow && previousInWindow)
            {
                if (delta == 1 && timestamp - _lastTimestamp != SamplesPerFrame)
                {
                    TalkspurtBreaks++;
                    MaxBreakNs = Math.Max(MaxBreakNs, ns - _lastNs);
                }
                else if (delta == 1)
                {
                    interval = ns - _lastNs;
                    Intervals?.Add(interval);
                    if (interval > MaxIntervalNs)
                    {
                        MaxIntervalNs = interval;
                    }
                }
                else
                {
                    Missing += delta - 1;
                }
            }
        }
        Packets++;
        if (inWindow)
        {
            WindowPackets++;
        }
        _lastSeq = seq;
        _lastTimestamp = timestamp;
        _lastNs = ns;
        LastNs = ns;
        return interval;
    }
}
