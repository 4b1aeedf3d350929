using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CallService.Sip.Rtp;

/// <summary>
/// One call leg's media, wired together: the leg's <see cref="RtpSocket"/>, its outgoing
/// <see cref="RtpStream"/> (sent from that socket, paced by the shared <see cref="RtpPacer"/>),
/// symmetric-RTP latching, RFC 4733 DTMF detection, and the RTCP of RFC 3550 6.4 (SR/RR with
/// LSR/DLSR, SDES CNAME, BYE). The call layer decides when to send reports (every ~5 s, RFC 3550 6.2).
/// </summary>
public sealed class RtpSession : IDisposable
{
    private readonly RtpPacer _pacer;
    private readonly TimeProvider _clock;
    private readonly byte[] _cname;
    private readonly bool _rtcpMux;
    private readonly DtmfDetector? _dtmf;
    private volatile IPEndPoint? _rtcpRemote;
    private int _disposed;

    // RFC 3550 6.4.1 LSR/DLSR: the last SR received (-1: none) and its monotonic arrival. Written by
    // the receive loop, read by report senders; a report racing a new SR may pair the two slightly
    // wrong, which only skews that one round-trip estimate.
    private long _lastSenderReport = -1;
    private long _lastSenderReportArrival;
    private volatile bool _byeReceived;

    private RtpSession(RtpSocket socket, RtpPacer pacer, TimeProvider clock, RtpSessionOptions options)
    {
        Socket = socket;
        _pacer = pacer;
        _clock = clock;
        _rtcpMux = options.RtcpMux;
        Stream = new RtpStream(socket, options.Stream);
        byte? receivePt = options.ReceiveTelephoneEventPayloadType ?? options.Stream.TelephoneEventPayloadType;
        if (receivePt is byte pt)
        {
            _dtmf = new DtmfDetector(pt);
            socket.Statistics.JitterExcludedPayloadType = pt;
        }

        _cname = Encoding.UTF8.GetBytes(options.Cname ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant());
        pacer.Add(Stream);
    }

    public RtpSocket Socket { get; }

    public RtpStream Stream { get; }

    /// <summary>The address and port to put in the SDP (c= and m=).</summary>
    public IPEndPoint LocalEndPoint => Socket.LocalEndPoint;

    /// <summary>Where RTCP goes: the RTP remote (rtcp-mux), the remote port + 1, or an explicit address.</summary>
    public IPEndPoint? RtcpRemoteEndPoint
    {
        get
        {
            if (_rtcpRemote is IPEndPoint explicitRemote)
            {
                return explicitRemote;
            }

            IPEndPoint? remote = Stream.RemoteEndPoint;
            return remote is null || _rtcpMux ? remote : new IPEndPoint(remote.Address, remote.Port + 1);
        }
    }

    /// <summary>True once the peer sent an RTCP BYE (RFC 3550 6.6).</summary>
    public bool ByeReceived => _byeReceived;

    /// <summary>Opens a session on the next free even port of <paramref name="ports"/>; false when none is left.</summary>
    public static bool TryOpen(
        IPAddress localAddress,
        RtpPortAllocator ports,
        RtpPacer pacer,
        TimeProvider clock,
        RtpSessionOptions options,
        out RtpSession? session,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pacer);
        ArgumentNullException.ThrowIfNull(options);
        options.Stream.Validate();
        if (!RtpSocket.TryOpen(localAddress, ports, clock, out RtpSocket? socket, options.Socket, logger))
        {
            session = null;
            return false;
        }

        session = new RtpSession(socket!, pacer, clock, options);
        return true;
    }

    /// <summary>Opens a session bound to <paramref name="localEndPoint"/> (port 0: any free port).</summary>
    public static RtpSession Open(IPEndPoint localEndPoint, RtpPacer pacer, TimeProvider clock, RtpSessionOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pacer);
        ArgumentNullException.ThrowIfNull(options);
        options.Stream.Validate();
        return new RtpSession(RtpSocket.Open(localEndPoint, clock, options.Socket, logger), pacer, clock, options);
    }

    /// <summary>
    /// Starts receiving. <paramref name="onMedia"/> gets every accepted packet except telephone
    /// events; <paramref name="onDtmf"/> gets each DTMF event once; <paramref name="onBye"/> runs when
    /// the peer says BYE. All run on the socket's receive loop and must not block.
    /// </summary>
    public void Start(
        RtpPacketHandler? onMedia = null,
        Action<DtmfEvent>? onDtmf = null,
        Action? onBye = null,
        CancellationToken cancellationToken = default)
    {
        Socket.Start(
            (in RtpPacket packet, IPEndPoint remote, long arrival) =>
            {
                Stream.TryLatchRemote(remote);
                if (_dtmf is not null && packet.PayloadType == _dtmf.PayloadType)
                {
                    if (_dtmf.TryDetect(packet, out DtmfEvent dtmf))
                    {
                        onDtmf?.Invoke(dtmf);
                    }

                    return;
                }

                onMedia?.Invoke(packet, remote, arrival);
            },
            (compound, remote, arrival) =>
            {
                if (OnRtcp(compound, arrival))
                {
                    onBye?.Invoke();
                }
            },
            cancellationToken);
    }

    /// <summary>Sets where RTCP goes when it is not muxed (SDP a=rtcp, RFC 3605); null: remote port + 1.</summary>
    public void SetRtcpRemote(IPEndPoint? remote) => _rtcpRemote = remote;

    /// <summary>
    /// Sends a compound report (RFC 3550 6.1): an SR if this side has sent RTP, otherwise an RR,
    /// with a reception block on the peer once it has sent RTP, then SDES CNAME. False when no
    /// remote is known yet.
    /// </summary>
    public bool TrySendReport() => TrySendCompound(bye: false, ReadOnlySpan<byte>.Empty);

    /// <summary>Sends a report followed by BYE (RFC 3550 6.6), e.g. when the call ends.</summary>
    public bool TrySendBye(string? reason = null) =>
        TrySendCompound(bye: true, reason is null ? ReadOnlySpan<byte>.Empty : Encoding.UTF8.GetBytes(reason));

    /// <summary>Stops the stream (the pacer drops it) and closes the socket, returning its port.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Stream.Close();
        _pacer.Remove(Stream);
        Socket.Dispose();
    }

    private bool TrySendCompound(bool bye, ReadOnlySpan<byte> reason)
    {
        IPEndPoint? remote = RtcpRemoteEndPoint;
        if (remote is null || _disposed != 0)
        {
            return false;
        }

        Span<RtcpReportBlock> blocks = stackalloc RtcpReportBlock[1];
        int blockCount = 0;
        if (Socket.Statistics.PacketsReceived > 0)
        {
            (uint lsr, uint dlsr) = LastSenderReportTiming();
            blocks[0] = Socket.Statistics.CreateReportBlock(lsr, dlsr);
            blockCount = 1;
        }

        // SR with one block (52) + SDES with a 255-byte CNAME (268) + BYE with a 255-byte reason (264).
        Span<byte> buffer = stackalloc byte[640];
        int length;
        bool written = Stream.PacketsSent > 0
            ? Stream.TryWriteSenderReport(buffer, _clock, blocks[..blockCount], out length)
            : RtcpWriter.TryWriteReceiverReport(buffer, Stream.Ssrc, blocks[..blockCount], out length);
        written &= RtcpWriter.TryWriteSourceDescription(buffer[length..], Stream.Ssrc, _cname.AsSpan(0, Math.Min(_cname.Length, 255)), out int sdes);
        length += sdes;
        if (bye)
        {
            written &= RtcpWriter.TryWriteBye(buffer[length..], [Stream.Ssrc], reason[..Math.Min(reason.Length, 255)], out int byeLength);
            length += byeLength;
        }

        if (!written)
        {
            return false;
        }

        Socket.Send(buffer[..length], remote);
        return true;
    }

    private (uint Lsr, uint Dlsr) LastSenderReportTiming()
    {
        long lsr = Volatile.Read(ref _lastSenderReport);
        if (lsr < 0)
        {
            return (0, 0);
        }

        // RFC 3550 6.4.1: DLSR in units of 1/65536 s.
        TimeSpan delay = _clock.GetElapsedTime(Volatile.Read(ref _lastSenderReportArrival));
        return ((uint)lsr, (uint)Math.Min(delay.TotalSeconds * 65536, uint.MaxValue));
    }

    private bool OnRtcp(ReadOnlySpan<byte> compound, long arrival)
    {
        bool bye = false;
        var reader = new RtcpCompoundReader(compound);
        while (reader.TryReadNext(out RtcpPacket packet))
        {
            if (packet.PacketType == RtcpPacketType.SenderReport)
            {
                Volatile.Write(ref _lastSenderReportArrival, arrival);
                Volatile.Write(ref _lastSenderReport, NtpTimestamp.Middle32(packet.SenderInfo.NtpTimestamp));
            }
            else if (packet.PacketType == RtcpPacketType.Goodbye && !_byeReceived)
            {
                _byeReceived = true;
                bye = true;
            }
        }

        return bye;
    }
}
