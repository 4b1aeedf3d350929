using System.Buffers.Binary;
using System.Net;

namespace CallService.LoadProbe;

/// <summary>
/// K loopback sockets that receive the service's RTP for all the probe's calls (each call offers one
/// of their ports), each read by its own thread; streams are told apart by the service's source
/// port (symmetric RTP: the port its SDP advertises). Per-socket state is owned by that socket's
/// thread; read it only after <see cref="Stop"/>.
/// </summary>
internal sealed class RtpReceiverPool : IDisposable
{
    private readonly TimestampedUdpSocket[] _sockets;
    private readonly Dictionary<int, RtpStreamStats>[] _streams;
    private readonly Histogram[] _intervals;
    private readonly long[] _notRtp;
    private readonly bool _perStreamHistograms;
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;

    public RtpReceiverPool(int sockets, bool perStreamHistograms)
    {
        _perStreamHistograms = perStreamHistograms;
        _sockets = new TimestampedUdpSocket[sockets];
        _streams = new Dictionary<int, RtpStreamStats>[sockets];
        _intervals = new Histogram[sockets];
        _notRtp = new long[sockets];
        for (int i = 0; i < sockets; i++)
        {
            _sockets[i] = new TimestampedUdpSocket(new IPEndPoint(IPAddress.Loopback, 0));
            _streams[i] = [];
            _intervals[i] = new Histogram(10_000, 20_000); // 10 us bins to 200 ms
            int index = i;
            _sockets[i].Start((data, _, port, ns) => OnDatagram(index, data, port, ns), $"rtp-rx-{i}", realtimePriority: 5);
        }
    }

    public int Count => _sockets.Length;

    public int PortOf(int socket) => _sockets[socket].LocalEndPoint.Port;

    /// <summary>Inter-arrival and loss are measured between these Unix-ns instants (packets' kernel stamps).</summary>
    public void SetWindow(long startNs, long endNs)
    {
        Volatile.Write(ref _windowEnd, endNs);
        Volatile.Write(ref _windowStart, startNs);
    }

    public long KernelDrops => _sockets.Sum(s => (long)s.KernelDrops);

    public long Datagrams => _sockets.Sum(s => s.Datagrams);

    public long NotRtp => _notRtp.Sum();

    /// <summary>How many receiver threads run SCHED_RR (see <see cref="TimestampedUdpSocket.Start"/>).</summary>
    public int RealtimeReceivers => _sockets.Count(s => s.RealtimeApplied);

    public void Stop()
    {
        foreach (var socket in _sockets)
        {
            socket.Stop();
        }
    }

    /// <summary>The stream a service port sent to a socket (after Stop).</summary>
    public RtpStreamStats? Find(int socket, int sourcePort) => _streams[socket].GetValueOrDefault(sourcePort);

    public IEnumerable<RtpStreamStats> AllStreams => _streams.SelectMany(s => s.Values);

    public Histogram MergedIntervals()
    {
        var all = new Histogram(10_000, 20_000);
        foreach (var h in _intervals)
        {
            all.Merge(h);
        }
        return all;
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    private void OnDatagram(int index, ReadOnlySpan<byte> data, int port, long ns)
    {
        // RFC 3550 5.1: version 2, 12-octet fixed header; RTCP (PT 200-204 in the second octet) is not counted.
        if (data.Length < 12 || (data[0] >> 6) != 2 || data[1] is >= 200 and <= 204)
        {
            _notRtp[index]++;
            return;
        }
        var streams = _streams[index];
        if (!streams.TryGetValue(port, out RtpStreamStats? stream))
        {
            stream = new RtpStreamStats(port, _perStreamHistograms);
            streams[port] = stream;
        }
        ushort seq = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        uint timestamp = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        long interval = stream.Add(ssrc, seq, timestamp, ns, Volatile.Read(ref _windowStart), Volatile.Read(ref _windowEnd));
        if (interval >= 0)
        {
            _intervals[index].Add(interval);
        }
    }
}
