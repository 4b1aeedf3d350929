using Microsoft.Extensions.Logging;

namespace CallService.Engine;

/// <summary>The engine's structured log events: each call event carries CallId and Caller.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "SIP engine listening on {Endpoints}; RTP ports {RtpMin}-{RtpMax}; lines {Lines}")]
    public static partial void Started(ILogger logger, string endpoints, int rtpMin, int rtpMax, string lines);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "SIP engine stopped; {Active} calls were ended")]
    public static partial void Stopped(ILogger logger, int active);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Call {CallId} from {Caller} to line {Line}: offered")]
    public static partial void Offered(ILogger logger, string callId, string caller, string line);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Call {CallId} from {Caller} to line {Line}: ringing with {How}, codec {Codec}")]
    public static partial void Ringing(ILogger logger, string callId, string caller, string line, string how, string codec);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Call {CallId} from {Caller}: answered on line {Line}")]
    public static partial void Answered(ILogger logger, string callId, string caller, string line);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Call {CallId} from {Caller}: state {State}, rings {Rings}")]
    public static partial void StateChanged(ILogger logger, string callId, string caller, string state, decimal? rings);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "Call {CallId} from {Caller}: dialog ended ({Reason})")]
    public static partial void DialogEnded(ILogger logger, string callId, string caller, string reason);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "INVITE {CallId} from {Caller} for unknown user {User}: 404")]
    public static partial void UnknownLine(ILogger logger, string callId, string caller, string user);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Call {CallId} from {Caller}: media refused with 488: {Reason}")]
    public static partial void MediaRejected(ILogger logger, string callId, string caller, string reason);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Error, Message = "Call {CallId} from {Caller}: no RTP port: {Reason}")]
    public static partial void NoMediaPort(ILogger logger, string callId, string caller, string reason);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Information, Message = "INVITE {CallId} from {Caller} merged with a call in progress: 482")]
    public static partial void Merged(ILogger logger, string callId, string caller);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Debug, Message = "Call {CallId} from {Caller}: {Event} ignored in state {State}")]
    public static partial void EventIgnored(ILogger logger, string callId, string caller, string @event, string state);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Warning, Message = "Call {CallId} from {Caller}: command {Command} has no handler yet")]
    public static partial void CommandNotHandled(ILogger logger, string callId, string caller, string command);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Error, Message = "Call {CallId} from {Caller}: handling the INVITE failed")]
    public static partial void CallFailed(ILogger logger, string callId, string caller, Exception ex);

    [LoggerMessage(EventId = 3050, Level = LogLevel.Information, Message = "Call {CallId} from {Caller}: ringing agent {AgentId} at {Contact}")]
    public static partial void AgentRung(ILogger logger, string callId, string caller, string agentId, string contact);

    [LoggerMessage(EventId = 3051, Level = LogLevel.Information, Message = "Call {CallId} from {Caller}: agent {AgentId}'s leg ended unanswered ({StatusCode})")]
    public static partial void AgentLegEnded(ILogger logger, string callId, string caller, string agentId, int statusCode);

    [LoggerMessage(EventId = 3052, Level = LogLevel.Warning, Message = "Call {CallId} from {Caller}: ringing agent {AgentId} failed: {Reason}")]
    public static partial void AgentLegFailed(ILogger logger, string callId, string caller, string agentId, string reason);

    [LoggerMessage(EventId = 3053, Level = LogLevel.Information, Message = "Call {CallId} from {Caller}: bridged to agent {AgentId} ({CallerCodec} <-> {AgentCodec})")]
    public static partial void Bridged(ILogger logger, string callId, string caller, string agentId, string callerCodec, string agentCodec);

    [LoggerMessage(EventId = 3054, Level = LogLevel.Information, Message = "Call {CallId} from {Caller}: bridge ended, caller->agent {ToAgent} frames, agent->caller {ToCaller} frames")]
    public static partial void BridgeEnded(ILogger logger, string callId, string caller, long toAgent, long toCaller);

    [LoggerMessage(EventId = 3060, Level = LogLevel.Information, Message = "Call {CallId} from {Caller}: digit {Digit}")]
    public static partial void DigitReceived(ILogger logger, string callId, string caller, char digit);

    [LoggerMessage(EventId = 3061, Level = LogLevel.Information, Message = "Call {CallId} from {Caller}: agent {AgentId} softphone hold = {Hold}")]
    public static partial void AgentHold(ILogger logger, string callId, string caller, string agentId, bool hold);

    [LoggerMessage(EventId = 3062, Level = LogLevel.Information, Message = "Call {CallId} from {Caller}: callback request {CallbackId} recorded")]
    public static partial void CallbackRecorded(ILogger logger, string callId, string caller, long callbackId);

    [LoggerMessage(EventId = 3063, Level = LogLevel.Error, Message = "Call {CallId} from {Caller}: recording the callback request failed")]
    public static partial void CallbackFailed(ILogger logger, string callId, string caller, Exception ex);

    [LoggerMessage(EventId = 3064, Level = LogLevel.Error, Message = "Call {CallId} from {Caller}: the caller asked for a callback but no callback list is configured")]
    public static partial void CallbackNotRecorded(ILogger logger, string callId, string caller);

    [LoggerMessage(EventId = 3040, Level = LogLevel.Information, Message = "Closed {Count} call records left open by a previous run as interrupted")]
    public static partial void ClosedInterrupted(ILogger logger, int count);

    [LoggerMessage(EventId = 3070, Level = LogLevel.Error, Message = "Call {CallId} from {Caller}: a live-call watcher failed")]
    public static partial void WatcherFailed(ILogger logger, string callId, string caller, Exception ex);
}
