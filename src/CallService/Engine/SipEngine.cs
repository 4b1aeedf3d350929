using System.Collections.Concurrent;
using System.Net;
using CallService.Agents;
using CallService.Callbacks;
using CallService.Lines;
using CallService.Metrics;
using CallService.Records;
using CallService.Sip.Core;
using CallService.Sip.Dialogs;
using CallService.Sip.Rtp;
using CallService.Sip.Timing;
using CallService.Sip.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallService.Engine;

/// <summary>
/// The SIP side of the product as a hosted service: transport, stack and RTP pacer; each INVITE to a
/// sales line becomes a <see cref="CallController"/>; other users get 404.
/// </summary>
public sealed partial class SipEngine : IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, CallController> _calls = new();
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly SalesLineDirectory _lines;
    private SipTransportManager? _transport;
    private SipStack? _stack;
    private IReadOnlyDictionary<string, LineMedia> _media = new Dictionary<string, LineMedia>();

    private readonly ConcurrentDictionary<string, int> _rotation = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<CallController> _queue = [];
    private readonly AgentTelephony? _agentTelephony;
    private readonly LineRegistrations _lineRegistrations = new();
    private readonly PreciseTimeProvider? _preciseTime;

    public SipEngine(EngineSettings settings, SalesLineDirectory lines, ICallRecordStore records, TimeProvider time, ILoggerFactory loggers,
        IAgentRoster? agents = null, CallbackRecorder? callbacks = null, AgentTelephony? agentTelephony = null)
    {
        _agentTelephony = agentTelephony;
        Agents = agents ?? new NoAgentRoster();
        Callbacks = callbacks;
        Settings = settings;
        _lines = lines;
        Records = records;
        Time = time;
        // The Nth ring ends at an instant (DESIGN.md): on the real clock a call's timers fire on the
        // precise timer thread instead of the runtime's timer and the thread pool; a test clock's
        // timers stay the test clock's.
        _preciseTime = ReferenceEquals(time, TimeProvider.System) ? new PreciseTimeProvider(loggers.CreateLogger<PreciseTimeProvider>()) : null;
        CallTime = (TimeProvider?)_preciseTime ?? time;
        _loggers = loggers;
        _logger = loggers.CreateLogger("CallService.Engine");
        Pacer = new RtpPacer(time, logger: loggers.CreateLogger<RtpPacer>());
        RtpPorts = new RtpPortAllocator(settings.RtpPortMin, settings.RtpPortMax);
    }

    public EngineSettings Settings { get; }

    /// <summary>Where callback requests go (the desk's callback list).</summary>
    public CallbackRecorder? Callbacks { get; }

    /// <summary>The call in progress with this Call-ID, for the desk's buttons.</summary>
    internal bool TryGetCall(string callId, out CallController? call) => _calls.TryGetValue(callId, out call);

    /// <summary>A line served here, with its prompts (loaded at start).</summary>
    internal bool TryGetLineMedia(string line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LineMedia? media) =>
        _media.TryGetValue(line, out media);

    /// <summary>Who can be rung for a line (the registrar and presence), or nobody.</summary>
    public IAgentRoster Agents { get; }

    public ICallRecordStore Records { get; }

    public TimeProvider Time { get; }

    /// <summary>The clock of each call's state machine (<see cref="Calls.Call"/>): <see cref="Time"/>, with precise timers on the real clock.</summary>
    public TimeProvider CallTime { get; }

    public RtpPacer Pacer { get; }

    public RtpPortAllocator RtpPorts { get; }

    public int ActiveCalls => _calls.Count;

    /// <summary>The auto-answer's 200 is handed to the transport ahead of its instant: on the real clock, when configured.</summary>
    internal bool TimedAnswers => _preciseTime is not null && Settings.TimedAnswers;

    /// <summary>Calls offered, answered and ended since start (read by the metrics).</summary>
    public CallCounters Counters { get; } = new();

    /// <summary>The SIP transport's counters, once started.</summary>
    public SipTransportStats? TransportStats => _transport?.GetStats();

    /// <summary>The bound SIP endpoints (port 0 in settings resolves here).</summary>
    public IReadOnlyList<SipEndPoint> LocalEndPoints => _transport?.LocalEndPoints ?? [];

    public SipStack? Stack => _stack;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Prompts first: a missing or unreadable file stops the service before it takes calls.
        _media = LineMedia.LoadAll(_lines.Lines, Settings.PromptsDirectory);
        int interrupted = await Records.InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (interrupted > 0)
        {
            EngineLog.ClosedInterrupted(_logger, interrupted);
        }

        var listen = new List<SipEndPoint>();
        if (Settings.Udp)
        {
            listen.Add(new SipEndPoint(SipProtocol.Udp, new IPEndPoint(Settings.BindAddress, Settings.SipPort)));
        }
        if (Settings.Tcp)
        {
            listen.Add(new SipEndPoint(SipProtocol.Tcp, new IPEndPoint(Settings.BindAddress, Settings.SipPort)));
        }
        _transport = new SipTransportManager(new SipTransportOptions { ListenEndPoints = listen }, Time,
            _loggers.CreateLogger<SipTransportManager>());
        await _transport.StartAsync(cancellationToken).ConfigureAwait(false);
        int port = _transport.LocalEndPoints[0].EndPoint.Port;
        _stack = SipStack.Create(new SipStackOptions
        {
            AdvertisedHost = Settings.AdvertisedAddress.ToString(),
            AdvertisedPort = port,
            Timers = Settings.Timers,
        }, _transport, Time, _loggers);
        _stack.UserAgent.IncomingCall = OnIncomingCall;
        // The agents' headsets register here (digest auth) and are qualified with OPTIONS.
        _agentTelephony?.Attach(_stack);
        _lineRegistrations.Start(_lines.Lines, _stack, _loggers);
        Pacer.Start(cancellationToken);
        EngineLog.Started(_logger, string.Join(", ", _transport.LocalEndPoints), Settings.RtpPortMin, Settings.RtpPortMax,
            string.Join(", ", _lines.Lines.Select(l => $"{l.Number} ({l.Desk.ToName()}, {l.Cadence.Name}, auto-answer after {l.AutoAnswerAfterRings} rings)")));
    }

    private void OnIncomingCall(IncomingCall incoming)
    {
        var invite = incoming.Invite;
        string caller = invite.From.Uri.User ?? invite.From.Uri.Host;
        string user = invite.RequestUri.User ?? string.Empty;
        if (!_lines.TryFind(user, out var line) || !_media.TryGetValue(line.Number, out var media))
        {
            EngineLog.UnknownLine(_logger, invite.CallId, caller, user);
            incoming.Reject(404);
            return;
        }
        var controller = new CallController(this, incoming, media, _logger);
        if (!_calls.TryAdd(controller.CallId, controller))
        {
            // RFC 3261 8.2.2.2: the same Call-ID again in a new transaction while the call goes on.
            EngineLog.Merged(_logger, invite.CallId, caller);
            incoming.Reject(482, "Loop Detected");
            return;
        }
        EngineLog.Offered(_logger, controller.CallId, caller, line.Number);
        Counters.OnOffered();
        try
        {
            controller.Start();
        }
        catch (Exception ex)
        {
            EngineLog.CallFailed(_logger, controller.CallId, caller, ex);
            incoming.Reject(500);
            _calls.TryRemove(controller.CallId, out _);
        }
    }

    /// <summary>Round robin over a line's available agents: where this call's rotation starts.</summary>
    internal int NextRotationIndex(string line, int count) =>
        (int)((uint)_rotation.AddOrUpdate(line, 0, (_, n) => n + 1) % (uint)count);

    /// <summary>An auto-answered caller waits for an agent; true when it is first in line (it rings the agents).</summary>
    internal bool EnterQueue(CallController call)
    {
        lock (_queue)
        {
            if (!_queue.Contains(call))
            {
                _queue.Add(call);
            }
            return _queue[0] == call;
        }
    }

    /// <summary>A caller left the queue (bridged or gone); the next one starts ringing the agents.</summary>
    internal void LeftQueue(CallController call)
    {
        CallController? next = null;
        lock (_queue)
        {
            int index = _queue.IndexOf(call);
            if (index < 0)
            {
                return;
            }
            _queue.RemoveAt(index);
            if (index == 0 && _queue.Count > 0)
            {
                next = _queue[0];
            }
        }
        next?.RingAgents();
    }

    internal void Forget(CallController controller) =>
        _calls.TryRemove(new KeyValuePair<string, CallController>(controller.CallId, controller));

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var active = _calls.Values.ToList();
        foreach (var call in active)
        {
            call.Shutdown();
        }
        // Give BYEs and final record writes a moment to go out.
        try
        {
            await Task.WhenAll(active.Select(c => c.RecordsDrained)).WaitAsync(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        await _lineRegistrations.DisposeAsync().ConfigureAwait(false);
        Pacer.Stop();
        _stack?.Dispose();
        if (_transport is not null)
        {
            await _transport.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        EngineLog.Stopped(_logger, active.Count);
    }

    public async ValueTask DisposeAsync()
    {
        Pacer.Dispose();
        _preciseTime?.Dispose();
        if (_transport is not null)
        {
            await _transport.DisposeAsync().ConfigureAwait(false);
        }
    }
}
