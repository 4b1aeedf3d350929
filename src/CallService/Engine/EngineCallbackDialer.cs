using CallService.Callbacks;
using CallService.Records;
using CallService.Sip.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallService.Engine;

/// <summary>
/// Click-to-call for the desk's callback list (POST /api/callbacks/{id}/call): checks that the attempt can
/// begin (the line is served here, a route to customers is configured, the agent is available), then runs
/// a <see cref="CallbackCall"/> in the background and reports its end through the store.
/// </summary>
internal sealed class EngineCallbackDialer : ICallbackDialer
{
    private readonly SipEngine _engine;
    private readonly ICallbackStore _store;
    private readonly CallbackDialerOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<WhisperPrompts?> _whisper;

    public EngineCallbackDialer(SipEngine engine, ICallbackStore store, IOptions<CallbackDialerOptions> options, ILogger logger)
    {
        _engine = engine;
        _store = store;
        _options = options.Value;
        _logger = logger;
        _whisper = new Lazy<WhisperPrompts?>(() =>
        {
            var prompts = WhisperPrompts.Load(_engine.Settings.PromptsDirectory);
            if (prompts is null)
            {
                CallbackCallLog.NoWhisper(_logger, WhisperPrompts.FixedFile, _engine.Settings.PromptsDirectory);
            }
            return prompts;
        });
    }

    public async Task<CallbackDialResult> DialAsync(CallbackRequest callback, string? agentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (_engine.Stack is null)
        {
            return CallbackDialResult.Refused("the SIP engine is not running");
        }
        if (!_engine.TryGetLineMedia(callback.Line, out LineMedia? line))
        {
            return CallbackDialResult.Refused($"line {callback.Line} is not served by this node");
        }
        string? proxy = string.IsNullOrWhiteSpace(_options.OutboundProxy) ? line.Line.Registration?.Registrar : _options.OutboundProxy.Trim();
        if (string.IsNullOrWhiteSpace(proxy) || !SipUri.TryParse(proxy, out SipUri? route) || route is null)
        {
            return CallbackDialResult.Refused("no route to customers: set Callbacks:OutboundProxy (or the line's Registration:Registrar)");
        }
        string hostPort = route.Port is int port ? $"{route.Host}:{port}" : route.Host;
        if (!SipUri.TryParse($"sip:{callback.CallerNumber}@{hostPort}", out SipUri? customer) || customer is null)
        {
            return CallbackDialResult.Refused($"the number {callback.CallerNumber} cannot be dialled");
        }
        var available = _engine.Agents.AvailableFor(callback.Line);
        AgentTarget? agent = agentId is null ? available.FirstOrDefault() : available.FirstOrDefault(a => a.AgentId == agentId);
        if (agent is null || agent.Contacts.Count == 0)
        {
            return CallbackDialResult.Refused(agentId is null
                ? $"no agent of line {callback.Line} is available"
                : $"agent {agentId} is not available (offline, away or on a call)");
        }

        // The whisper names the customer as the desk recorded them on the call ("王" + "先生").
        CallRecord? record = await _engine.Records.FindByCallIdAsync(callback.CallId, cancellationToken).ConfigureAwait(false);
        var whisper = _whisper.Value?.For(callback.Surname ?? record?.Surname, record?.Honorific);
        var call = new CallbackCall(_engine, _store, line, agent, callback, whisper, customer,
            TimeSpan.FromSeconds(_options.RingSeconds), _logger);
        _ = Task.Run(call.RunAsync, CancellationToken.None);
        return CallbackDialResult.Started;
    }
}
