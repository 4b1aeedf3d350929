using CallService.Sip.Rtp;

namespace CallService.Sip.Media;

/// <summary>
/// Connects two call legs with the media anchored here (the media half of a back-to-back user
/// agent): what the caller's phone sends is heard on the agent's, and back, transcoded when the two
/// legs agreed on different codecs (e.g. PCMA caller, G.722 agent). RFC 4733 digits received on one
/// leg are re-sent on the other. Each leg keeps its own RTP stream, so SSRC, sequence number and
/// timestamp stay continuous for each phone whatever the bridge does (RFC 3550 5.1; the
/// <see cref="RtpStream"/> guarantees it across source switches).
/// <para>
/// Each direction has a <see cref="FrameRing"/> of <see cref="MediaBridgeOptions.BufferDepth"/>
/// frames: the talker leg's receive loop transcodes each packet into it, and the listener leg's
/// stream pulls one 20 ms frame per pacer tick. A full buffer drops its oldest frame, an empty one
/// repeats the last frame once and then plays silence; both are counted in
/// <see cref="GetStatistics"/>. Nothing on the per-packet path locks or allocates.
/// </para>
/// <para>
/// Latency: the buffer adds between 0 and <c>BufferDepth x 20 ms</c> (default 3: at most 60 ms;
/// with steady arrivals it stays near 0-20 ms and grows only as far as jitter has pushed it),
/// plus up to one 20 ms frame of wait for the listener's pacer slot. Transcoding between G.722 and
/// G.711 adds the resampling filter's delay (<see cref="ResamplingFilter.DelayAt16k"/> = 63 samples
/// at 16 kHz, about 4 ms).
/// </para>
/// <para>
/// CPU: measured with 20 bridged calls (PCMU caller, G.722 agent: transcoding both ways) on
/// loopback with the real pacer, 5 s unbridged then 5 s bridged, as process CPU time
/// (MediaBridgeCostTests): the bridge adds 0.4-1.1 % of one core per call to the two legs' own
/// sending and receiving (a whole call with both simulated phones: 1.3-2.4 %), on a 2-core machine
/// shared with other builds (load average above 20), so the spread is the machine's. Most of it is
/// transcoding: G.711 to G.722 and back is about 35 us per 20 ms frame each way (0.35 % of a core
/// per call); a same-codec bridge only copies. Nothing is allocated per packet or per tick
/// (measured: no allocation beyond the unbridged calls').
/// </para>
/// <para>
/// Control: <see cref="Connect"/>, <see cref="Disconnect"/>, <see cref="Mute"/> and
/// <see cref="Unmute"/> may be called at any moment from any thread (they serialise on a lock that
/// the media path never takes); each takes effect from the next pacer tick of the leg concerned.
/// Mute is one-way, for hold: <c>Mute(AgentToCaller, holdAudio)</c> makes the caller hear the hold
/// audio instead of the office while the agent still hears the caller (so the agent notices a caller
/// who speaks or hangs up; a softphone that put itself on hold plays nothing anyway). To make the
/// agent hear nothing as well, mute <see cref="BridgeDirection.CallerToAgent"/> too. Digits follow
/// the audio: a muted direction relays no digits.
/// </para>
/// <para>
/// A leg belongs to one bridge at a time. Both legs must be started (their codec known) before the
/// bridge is made.
/// </para>
/// </summary>
public sealed class MediaBridge : IDisposable
{
    private readonly Lock _gate = new();
    private readonly BridgePath _callerToAgent;
    private readonly BridgePath _agentToCaller;
    private readonly MediaLegPacketHandler _onCallerAudio;
    private readonly MediaLegPacketHandler _onAgentAudio;
    private readonly Action<MediaLeg, char> _onCallerDigit;
    private readonly Action<MediaLeg, char> _onAgentDigit;
    private readonly IMediaSource?[] _muteSources = new IMediaSource?[2];
    private readonly bool[] _muted = new bool[2];
    private bool _connected;
    private bool _disposed;

    /// <summary>Makes a bridge between two started legs; it starts disconnected (see <see cref="Connect"/>).</summary>
    public MediaBridge(MediaLeg caller, MediaLeg agent, MediaBridgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(agent);
        if (ReferenceEquals(caller, agent))
        {
            throw new ArgumentException("A leg cannot be bridged to itself.", nameof(agent));
        }

        if (caller.Stream is null || agent.Stream is null)
        {
            throw new InvalidOperationException("Start both legs (offer/answer done) before bridging them.");
        }

        options ??= new MediaBridgeOptions();
        options.Validate();
        Caller = caller;
        Agent = agent;
        Options = options;
        _callerToAgent = new BridgePath(caller, agent, options);
        _agentToCaller = new BridgePath(agent, caller, options);

        _onCallerAudio = (MediaLeg _, in RtpPacket packet) => _callerToAgent.OnAudio(packet);
        _onAgentAudio = (MediaLeg _, in RtpPacket packet) => _agentToCaller.OnAudio(packet);
        _onCallerDigit = (_, digit) => _callerToAgent.OnDigit(digit);
        _onAgentDigit = (_, digit) => _agentToCaller.OnDigit(digit);
        caller.AudioPacketReceived += _onCallerAudio;
        agent.AudioPacketReceived += _onAgentAudio;
        caller.DigitReceived += _onCallerDigit;
        agent.DigitReceived += _onAgentDigit;
    }

    public MediaLeg Caller { get; }

    public MediaLeg Agent { get; }

    public MediaBridgeOptions Options { get; }

    /// <summary>The most delay the buffers add: <see cref="MediaBridgeOptions.BufferDepth"/> x 20 ms.</summary>
    public TimeSpan MaxBufferDelay => Options.BufferDepth * AudioCodec.FrameDuration;

    /// <summary>True between <see cref="Connect"/> and <see cref="Disconnect"/>.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connected;
            }
        }
    }

    /// <summary>
    /// Bridges the legs: from the next tick each leg's stream sends the other leg's audio (or, for a
    /// muted direction, that direction's replacement source). Does nothing when already connected.
    /// </summary>
    public void Connect()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connected)
            {
                return;
            }

            _connected = true;
            Route(BridgeDirection.CallerToAgent);
            Route(BridgeDirection.AgentToCaller);
        }
    }

    /// <summary>
    /// Unbridges the legs: from the next tick the caller's stream plays <paramref name="callerHears"/>
    /// and the agent's <paramref name="agentHears"/> (null: that stream sends nothing, as with
    /// <see cref="MediaLeg.Play"/>; give a <see cref="SilenceSource"/> to keep RTP flowing). Each
    /// stream's SSRC, sequence and timestamp continue. Mute settings are kept for the next
    /// <see cref="Connect"/>.
    /// </summary>
    public void Disconnect(IMediaSource? callerHears = null, IMediaSource? agentHears = null)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // Switch the streams away first, then stop filling buffers nobody reads.
            Caller.Play(callerHears);
            Agent.Play(agentHears);
            _agentToCaller.Deactivate();
            _callerToAgent.Deactivate();
            _connected = false;
        }
    }

    /// <summary>
    /// One-way mute: the listener of <paramref name="direction"/> hears <paramref name="replacement"/>
    /// (e.g. hold audio; null: its stream sends nothing) instead of the talker, while the other
    /// direction stays as it is. Applies now when connected, else from the next <see cref="Connect"/>.
    /// Calling it again changes the replacement.
    /// </summary>
    public void Mute(BridgeDirection direction, IMediaSource? replacement = null)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int index = Index(direction);
            _muted[index] = true;
            _muteSources[index] = replacement;
            if (_connected)
            {
                Route(direction);
            }
        }
    }

    /// <summary>Ends a <see cref="Mute"/>: the listener hears the talker again (when connected).</summary>
    public void Unmute(BridgeDirection direction)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int index = Index(direction);
            if (!_muted[index])
            {
                return;
            }

            _muted[index] = false;
            _muteSources[index] = null;
            if (_connected)
            {
                Route(direction);
            }
        }
    }

    /// <summary>True while <paramref name="direction"/> is muted (whether or not the bridge is connected).</summary>
    public bool IsMuted(BridgeDirection direction)
    {
        lock (_gate)
        {
            return _muted[Index(direction)];
        }
    }

    /// <summary>The counters of one direction since the bridge was made.</summary>
    public BridgePathStatistics GetStatistics(BridgeDirection direction) => Path(direction).Statistics;

    /// <summary>
    /// Detaches from both legs and returns the buffers to the pool. When still connected the legs'
    /// streams are left sending nothing (the legs themselves are not disposed).
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_connected)
            {
                Caller.Play(null);
                Agent.Play(null);
                _connected = false;
            }

            Caller.AudioPacketReceived -= _onCallerAudio;
            Agent.AudioPacketReceived -= _onAgentAudio;
            Caller.DigitReceived -= _onCallerDigit;
            Agent.DigitReceived -= _onAgentDigit;
            _callerToAgent.Dispose();
            _agentToCaller.Dispose();
        }
    }

    // Points the listener of a direction at the talker's buffer or at the mute replacement (under _gate, connected).
    private void Route(BridgeDirection direction)
    {
        int index = Index(direction);
        BridgePath path = Path(direction);
        RtpStream stream = path.Listener.Stream!;
        if (_muted[index])
        {
            stream.SetSource(_muteSources[index]);
            path.Deactivate();
        }
        else if (!path.IsActive)
        {
            // Fill before pulling: stale audio from before is discarded first.
            path.Activate();
            stream.SetPullSource(path.Reader);
        }
    }

    private BridgePath Path(BridgeDirection direction) => direction switch
    {
        BridgeDirection.CallerToAgent => _callerToAgent,
        BridgeDirection.AgentToCaller => _agentToCaller,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown bridge direction."),
    };

    private static int Index(BridgeDirection direction) => direction switch
    {
        BridgeDirection.CallerToAgent => 0,
        BridgeDirection.AgentToCaller => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown bridge direction."),
    };
}
