using CallService.Web.Auth;
using Microsoft.AspNetCore.Http;

namespace CallService.Web.Desk;

/// <summary>
/// The viewer is the signed-in user (<see cref="DeskUser"/>): an agent sees the lines of their agent
/// (Agents:n:Lines), a manager every line; nobody signed in, or an agent user without an agent, sees nothing.
/// </summary>
public sealed class DeskViewersFromSignIn : IDeskViewers
{
    public static DeskViewersFromSignIn Instance { get; } = new();

    public DeskScope? Resolve(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return DeskUser.Current(http) switch
        {
            null => null,
            { IsManager: true } manager => DeskScope.AllLines with { DisplayName = manager.DisplayName },
            { AgentId: { } agentId } agent => DeskScope.ForAgent(agentId, agent.DisplayName, agent.Lines),
            _ => null,
        };
    }
}
