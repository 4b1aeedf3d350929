using Microsoft.Extensions.Logging;

namespace CallService.Agents;

/// <summary>The agents' events (5101-5119).</summary>
internal static partial class AgentsLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Agent {AgentId} is {State} (was {Previous})")]
    public static partial void StateChanged(ILogger logger, string agentId, string state, string previous);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "A call event for unknown agent {AgentId} ({Event}, call {CallId}) was ignored")]
    public static partial void UnknownAgent(ILogger logger, string agentId, string @event, string callId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Agent {AgentId} set {State} through the API")]
    public static partial void SetByApi(ILogger logger, string agentId, string state);
}
