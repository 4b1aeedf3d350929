using System.Net;
using CallService.Sip.Rtp;
using CallService.Sip.Sdp;
using Microsoft.Extensions.Logging;

namespace CallService.Sip.Media;

/// <summary>
/// One call leg's audio: an RTP socket from the port range, an outgoing stream paced by the shared
/// <see cref="RtpPacer"/> (its source can be switched at any moment: ringback, prompt, another leg),
/// and the receive side with counters and RFC 4733 digit detection.
/// </summary>
public sealed class MediaLeg : IDisposable
{
    private readonly RtpSocket _socket;
    private readonly RtpPacer _pacer;
    private readonly TimeProvider _time;
    private readonly DtmfDetector _dtmf = new(101);
    private RtpStream? _stream;
    private long _packetsReceived;
    private long _firstPacketTimestamp;
    private int _receivePayloadType;
    private int _disposed;

    private MediaLeg(RtpSocket socket, RtpPacer pacer, TimeProvider time)
    {
        _socket = socket;
        _pacer = pacer;
        _time = time;
    }

    /// <summary>Opens a socket on the next free even port of <paramref name="ports"/>.</summary>
    public static MediaLeg Open(IPAddress bindAddress, RtpPortAllocator ports, RtpPacer pacer, TimeProvider time, ILogger? logger = null)
    {
        if (!RtpSocket.TryOpen(bindAddress, ports, time, out var socket, logger: logger))
        {
            throw new InvalidOperationException($"No free RTP port in {ports.MinPort}-{ports.MaxPort}.");
        }
        return new MediaLeg(socket!, pacer, time);
    }

    public int LocalPort => _socket.LocalEndPoint.Port;

    public RtpStream? Stream => _stream;

    public RtpReceiveStatistics ReceiveStatistics => _socket.Statistics;

    /// <summary>The codec negotiated for this leg (both directions).</summary>
    public AudioCodecKind Codec { get; private set; }

    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    /// <summary>When the first RTP packet arrived (<see cref="TimeProvider.GetTimestamp"/>), or 0.</summary>
    public long FirstPacketTimestamp => Interlocked.Read(ref _firstPacketTimestamp);

    /// <summary>A digit the peer sent as RFC 4733 events, reported once per key press.</summary>
    public event Action<MediaLeg, char>? DigitReceived;

    /// <summary>Each audio payload received, with its RTP header (a copy per packet: for tests and tools).</summary>
    public event Action<MediaLeg, RtpHeader, ReadOnlyMemory<byte>>? AudioReceived;

    /// <summary>
    /// Each audio packet received, as a view valid only during the call: no copy, no allocation
    /// (for <see cref="MediaBridge"/>). Runs on the leg's receive loop, one packet at a time.
    /// </summary>
    public event MediaLegPacketHandler? AudioPacketReceived;

    /// <summary>The payload type the peer sends the codec with (our numbering, from offer/answer).</summary>
    public int ReceivePayloadType => Volatile.Read(ref _receivePayloadType);

    /// <summary>Starts sending and receiving with what offer/answer agreed.</summary>
    public void Start(SdpNegotiatedMedia media, IMediaSource? initialSource = null)
    {
        if (_stream is not null)
        {
            throw new InvalidOperationException("The leg is already started; use UpdateRemote for a re-INVITE.");
        }
        Codec = media.Codec.Kind;
        Volatile.Write(ref _receivePayloadType, media.ReceivePayloadType);
        if (media.ReceiveTelephoneEventPayloadType is int te)
        {
            _dtmf.PayloadType = (byte)te;
        }
        var stream = new RtpStream(_socket, new RtpStreamOptions
        {
            PayloadType = (byte)media.PayloadType,
            TelephoneEventPayloadType = media.TelephoneEventPayloadType is int t ? (byte)t : null,
            // Symmetric RTP (latched only when a NAT changed the address, see OnPacket).
            LatchRemote = true,
        }, media.RemoteRtp);
        if (initialSource is not null)
        {
            stream.SetSource(initialSource);
        }
        _stream = stream;
        _socket.Start(OnPacket);
        _pacer.Add(stream);
    }

    /// <summary>A re-INVITE changed the peer's address or codec numbering.</summary>
    public void UpdateRemote(SdpNegotiatedMedia media)
    {
        var stream = _stream ?? throw new InvalidOperationException("The leg is not started.");
        stream.SetRemote(media.RemoteRtp);
        stream.PayloadType = (byte)media.PayloadType;
        Volatile.Write(ref _receivePayloadType, media.ReceivePayloadType);
        stream.ResetLatch();
    }

    /// <summary>Switches what the peer hears; sequence, timestamp and SSRC stay continuous.</summary>
    public void Play(IMediaSource? source) => _stream?.SetSource(source);

    private void OnPacket(in RtpPacket packet, IPEndPoint remote, long arrivalTimestamp)
    {
        if (Interlocked.Increment(ref _packetsReceived) == 1)
        {
            Interlocked.Exchange(ref _firstPacketTimestamp, arrivalTimestamp);
        }
        // Symmetric RTP for peers behind NAT: when packets come from another address than the SDP named,
        // a NAT rewrote it, so answer where they come from. From the SDP's own address the peer simply
        // sends from another port than it receives on (allowed by RFC 3264 5.1): keep sending to the SDP port.
        if (_stream is { RemoteEndPoint: { } declared } stream && !declared.Address.Equals(remote.Address))
        {
            stream.TryLatchRemote(remote);
        }
        if (packet.PayloadType == _dtmf.PayloadType)
        {
            // The detector reports each key press once, on its first packet (RFC 4733 2.5.2.1).
            if (_dtmf.TryDetect(packet, out var dtmf))
            {
                DigitReceived?.Invoke(this, dtmf.Digit);
            }
            return;
        }
        AudioPacketReceived?.Invoke(this, packet);
        var audio = AudioReceived;
        if (audio is not null)
        {
            audio(this, packet.Header, packet.Payload.ToArray());
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        if (_stream is not null)
        {
            _stream.Close();
            _pacer.Remove(_stream);
        }
        _socket.Dispose();
    }
}
