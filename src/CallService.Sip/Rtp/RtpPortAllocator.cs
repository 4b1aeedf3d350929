namespace CallService.Sip.Rtp;

/// <summary>
/// Hands out even UDP ports from a configured range, each reserving the pair (even, even + 1):
/// RFC 3550 11 puts RTP on an even port and RTCP on the next odd one (unless rtcp-mux is used).
/// Ports are handed out round-robin, so a freed port is reused as late as possible and stray
/// packets of an ended call do not land in a new one. Thread-safe; not on the packet path.
/// </summary>
public sealed class RtpPortAllocator
{
    private readonly Lock _gate = new();
    private readonly bool[] _inUse;
    private int _cursor;
    private int _allocated;

    /// <param name="minPort">Lowest port; rounded up to even.</param>
    /// <param name="maxPort">Highest port (inclusive); the last pair must fit, so an even max is unused.</param>
    public RtpPortAllocator(int minPort, int maxPort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPort, 65535);
        MinPort = (minPort + 1) & ~1;
        int pairs = (maxPort - MinPort + 1) / 2;
        if (pairs < 1)
        {
            throw new ArgumentException($"The range {minPort}-{maxPort} holds no even/odd port pair.", nameof(maxPort));
        }

        MaxPort = MinPort + (2 * pairs) - 1;
        _inUse = new bool[pairs];
    }

    /// <summary>The first (even) port handed out.</summary>
    public int MinPort { get; }

    /// <summary>The last (odd) port of the last pair.</summary>
    public int MaxPort { get; }

    /// <summary>Pairs in the range.</summary>
    public int Capacity => _inUse.Length;

    /// <summary>Pairs currently handed out.</summary>
    public int Allocated
    {
        get
        {
            lock (_gate)
            {
                return _allocated;
            }
        }
    }

    /// <summary>Takes the next free even port; false when the range is exhausted.</summary>
    public bool TryAllocate(out int port)
    {
        lock (_gate)
        {
            for (int i = 0; i < _inUse.Length; i++)
            {
                int index = (_cursor + i) % _inUse.Length;
                if (!_inUse[index])
                {
                    _inUse[index] = true;
                    _allocated++;
                    _cursor = (index + 1) % _inUse.Length;
                    port = MinPort + (2 * index);
                    return true;
                }
            }
        }

        port = 0;
        return false;
    }

    /// <summary>Gives a port back; ports outside the range or not handed out are ignored.</summary>
    public void Release(int port)
    {
        int index = (port - MinPort) / 2;
        if (port < MinPort || port > MaxPort || (port & 1) != 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_inUse[index])
            {
                _inUse[index] = false;
                _allocated--;
            }
        }
    }
}
