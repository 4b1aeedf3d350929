using CallService.Agents;
using Microsoft.AspNetCore.Http;

namespace CallService.Web.Desk;

/// <summary>
/// Before sign-in exists: the viewer is the agent named by "?agent=ID" (their lines only), or, without
/// it, someone who sees every line. An unknown agent id names nobody (403).
/// </summary>
public sealed class DeskViewersFromQuery(AgentDirectory? agents) : IDeskViewers
{
    public DeskScope? Resolve(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        string? id = http.Request.Query["agent"];
        if (string.IsNullOrWhiteSpace(id))
        {
            return DeskScope.AllLines;
        }
        return agents?.Find(id.Trim()) is { } agent ? DeskScope.ForAgent(agent.Id, agent.DisplayName, agent.Lines) : null;
    }
}
