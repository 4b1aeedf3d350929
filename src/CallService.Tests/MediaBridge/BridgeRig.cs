using System.Collections.Concurrent;
using System.Net;
using CallService.Sip.Media;
using CallService.Sip.Rtp;
using CallService.Sip.Sdp;
using CallService.Tests.Support;
using Bridge = CallService.Sip.Media.MediaBridge;

namespace CallService.Tests.MediaBridge;

/// <summary>
/// Two "phones" and a bridged call on real loopback sockets and the real pacer:
/// phone A &lt;-&gt; caller leg [bridge] agent leg &lt;-&gt; phone B. The phones are MediaLegs too; each
/// records what it receives (header, payload, arrival) and the digits it detects.
/// </summary>
internal sealed class BridgeRig : IDisposable
{
    public const byte TelephoneEvent = 101;

    private BridgeRig(RtpPacer pacer, MediaLeg phoneA, MediaLeg callerLeg, MediaLeg agentLeg, MediaLeg phoneB, Bridge bridge, bool capture)
    {
        Pacer = pacer;
        PhoneA = phoneA;
        CallerLeg = callerLeg;
        AgentLeg = agentLeg;
        PhoneB = phoneB;
        Bridge = bridge;
        AtA = capture ? new Capture(phoneA) : null!;
        AtB = capture ? new Capture(phoneB) : null!;
    }

    public RtpPacer Pacer { get; }

    public MediaLeg PhoneA { get; }

    public MediaLeg CallerLeg { get; }

    public MediaLeg AgentLeg { get; }

    public MediaLeg PhoneB { get; }

    public Bridge Bridge { get; }

    /// <summary>What phone A receives (from the caller leg); null when not capturing.</summary>
    public Capture AtA { get; }

    /// <summary>What phone B receives (from the agent leg); null when not capturing.</summary>
    public Capture AtB { get; }

    /// <summary>
    /// Starts the four legs on <paramref name="pacer"/> (already running): A and the caller leg agree
    /// on <paramref name="callerCodec"/>, B and the agent leg on <paramref name="agentCodec"/>. A
    /// plays <paramref name="aSays"/>, B <paramref name="bSays"/>; the bridge is made, not connected.
    /// With <paramref name="capture"/> false the phones keep nothing of what they receive (cost measures).
    /// </summary>
    public static BridgeRig Start(
        RtpPacer pacer,
        RtpPortAllocator ports,
        AudioCodecKind callerCodec,
        AudioCodecKind agentCodec,
        IMediaSource? aSays,
        IMediaSource? bSays,
        MediaBridgeOptions? options = null,
        bool capture = true)
    {
        var (phoneA, callerLeg) = StartPair(pacer, ports, callerCodec, aSays);
        var (agentLeg, phoneB) = StartPair(pacer, ports, agentCodec, null, bSays);
        return new BridgeRig(pacer, phoneA, callerLeg, agentLeg, phoneB, new Bridge(callerLeg, agentLeg, options), capture);
    }

    /// <summary>Two legs sending to each other with one codec and telephone-event 101.</summary>
    public static (MediaLeg First, MediaLeg Second) StartPair(
        RtpPacer pacer,
        RtpPortAllocator ports,
        AudioCodecKind codec,
        IMediaSource? firstSays,
        IMediaSource? secondSays = null)
    {
        var first = MediaLeg.Open(IPAddress.Loopback, ports, pacer, TimeProvider.System);
        var second = MediaLeg.Open(IPAddress.Loopback, ports, pacer, TimeProvider.System);
        first.Start(Negotiated(codec, second.LocalPort), firstSays);
        second.Start(Negotiated(codec, first.LocalPort), secondSays);
        return (first, second);
    }

    public static SdpNegotiatedMedia Negotiated(AudioCodecKind codec, int remotePort)
    {
        var sdpCodec = SdpCodec.For(codec);
        return new SdpNegotiatedMedia
        {
            MediaIndex = 0,
            Codec = sdpCodec,
            PayloadType = sdpCodec.PayloadType,
            ReceivePayloadType = sdpCodec.PayloadType,
            TelephoneEventPayloadType = TelephoneEvent,
            ReceiveTelephoneEventPayloadType = TelephoneEvent,
            RemoteRtp = new IPEndPoint(IPAddress.Loopback, remotePort),
            RemoteRtcp = new IPEndPoint(IPAddress.Loopback, remotePort + 1),
            Direction = SdpDirection.SendRecv,
            RemoteHold = false,
        };
    }

    /// <summary>A looping pure tone (1 s, a whole number of cycles: seamless), encoded for <paramref name="codec"/>.</summary>
    public static PromptSource Tone(double frequencyHz, AudioCodecKind codec)
    {
        var samples = new float[8000];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(0.3 * Math.Sin(2 * Math.PI * frequencyHz * i / 8000));
        }

        return Prompt.FromSamples($"tone{frequencyHz}", samples, 8000).CreateSource(codec, loop: true);
    }

    /// <summary>A port range of its own for each rig (the allocator skips ports others hold).</summary>
    public static RtpPortAllocator Ports(int legs = 8)
    {
        int low = FreePort.ForRtp();
        return new RtpPortAllocator(low, low + (legs * 2) + 20);
    }

    /// <summary>The pacer's slot deadlines advance by this many whole frame intervals (bounded).</summary>
    public async Task FramesPass(int frames)
    {
        long target = Pacer.Ticks + ((long)frames * Pacer.Options.Slots);
        await Eventually.True(() => Pacer.Ticks >= target, $"{frames} pacer frames");
    }

    /// <summary>
    /// Both phones have received every packet the service legs have sent so far (a loaded machine
    /// can run a receive loop hundreds of ms behind the real-time pacer).
    /// </summary>
    public async Task ArrivedAsync()
    {
        await AtA.ReceivedAllOfAsync(CallerLeg.Stream!);
        await AtB.ReceivedAllOfAsync(AgentLeg.Stream!);
    }

    public void Dispose()
    {
        Bridge.Dispose();
        PhoneA.Dispose();
        CallerLeg.Dispose();
        AgentLeg.Dispose();
        PhoneB.Dispose();
    }

    /// <summary>Everything one phone receives, in arrival order.</summary>
    internal sealed class Capture
    {
        private readonly ConcurrentQueue<Packet> _audio = new();
        private readonly ConcurrentQueue<char> _digits = new();
        private int _lastSequence = -1;

        public Capture(MediaLeg phone)
        {
            Phone = phone;
            phone.AudioReceived += (_, header, payload) =>
            {
                _audio.Enqueue(new Packet(TimeProvider.System.GetTimestamp(), header, payload.ToArray()));
                Volatile.Write(ref _lastSequence, header.SequenceNumber);
            };
            phone.DigitReceived += (_, digit) => _digits.Enqueue(digit);
        }

        public MediaLeg Phone { get; }

        public int Count => _audio.Count;

        public IReadOnlyList<Packet> Packets => _audio.ToArray();

        public IReadOnlyList<char> Digits => _digits.ToArray();

        /// <summary>Waits (bounded) until the audio packets <paramref name="sender"/> has sent so far are captured.</summary>
        public Task ReceivedAllOfAsync(RtpStream sender)
        {
            if (sender.PacketsSent == 0)
            {
                return Task.CompletedTask;
            }

            ushort lastSent = (ushort)(sender.NextSequenceNumber - 1);
            return Eventually.True(
                () => Volatile.Read(ref _lastSequence) is int last and >= 0 && (short)(ushort)(last - lastSent) >= 0,
                $"packet {lastSent} captured at {Phone.LocalPort}");
        }

        /// <summary>Decodes consecutive payloads with the phone's codec.</summary>
        public short[] Decode(IEnumerable<Packet> packets) =>
            AudioMatch.Decode(Phone.Codec, packets.Select(p => (ReadOnlyMemory<byte>)p.Payload));
    }

    internal readonly record struct Packet(long Arrival, RtpHeader Header, byte[] Payload);
}
