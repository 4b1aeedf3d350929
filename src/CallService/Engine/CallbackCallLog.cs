using Microsoft.Extensions.Logging;

namespace CallService.Engine;

/// <summary>Log events of click-to-call callbacks (3110-3119).</summary>
internal static partial class CallbackCallLog
{
    [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Callback {CallbackId}: ringing agent {AgentId} at {Contact}")]
    public static partial void RingingAgent(ILogger logger, long callbackId, string agentId, string contact);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Callback {CallbackId}: agent {AgentId} answered after {RingSeconds:F3} s; whisper {Whisper}")]
    public static partial void AgentAnswered(ILogger logger, long callbackId, string agentId, double ringSeconds, string whisper);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "Callback {CallbackId}: calling customer {Number} at {Target}")]
    public static partial void CallingCustomer(ILogger logger, long callbackId, string number, string target);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Information, Message = "Callback {CallbackId}: customer {Number} answered after {RingSeconds:F3} s; bridged to agent {AgentId} ({CustomerCodec} <-> {AgentCodec})")]
    public static partial void Bridged(ILogger logger, long callbackId, string number, double ringSeconds, string agentId, string customerCodec, string agentCodec);

    [LoggerMessage(EventId = 3114, Level = LogLevel.Information, Message = "Callback {CallbackId}: attempt ended {Status}: {Result}")]
    public static partial void Ended(ILogger logger, long callbackId, string status, string result);

    [LoggerMessage(EventId = 3115, Level = LogLevel.Error, Message = "Callback {CallbackId}: the attempt failed")]
    public static partial void Failed(ILogger logger, long callbackId, Exception exception);

    [LoggerMessage(EventId = 3116, Level = LogLevel.Warning, Message = "Callback whisper prompt {File} is missing in {Directory}: agents hear no whisper before the customer is called")]
    public static partial void NoWhisper(ILogger logger, string file, string directory);

    [LoggerMessage(EventId = 3118, Level = LogLevel.Information, Message = "Callback {CallbackId}: agent {AgentId} softphone hold = {Hold}")]
    public static partial void AgentHold(ILogger logger, long callbackId, string agentId, bool hold);

    [LoggerMessage(EventId = 3117, Level = LogLevel.Information, Message = "Callback {CallbackId}: bridge ended, customer->agent {ToAgent} frames, agent->customer {ToCustomer} frames")]
    public static partial void BridgeEnded(ILogger logger, long callbackId, long toAgent, long toCustomer);
}
