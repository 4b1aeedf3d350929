using System.Security.Claims;
using CallService.Agents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CallService.Web.Auth;

/// <summary>
/// The signed-in user as endpoints scope by it: an agent sees and acts on the calls of their own lines
/// only (the lines of their agent, Agents:n:Lines); a manager sees every line.
/// Get it with <see cref="Current"/>; null means nobody is signed in.
/// </summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="DisplayName">The name the pages show.</param>
/// <param name="Role"><see cref="WebRoles.Agent"/> or <see cref="WebRoles.Manager"/>.</param>
/// <param name="AgentId">The agent this user is, or null.</param>
/// <param name="Lines">The line numbers of that agent (empty without one).</param>
public sealed record DeskUser(string UserName, string DisplayName, string Role, string? AgentId, IReadOnlyList<string> Lines)
{
    /// <summary>True for a manager.</summary>
    public bool IsManager => Role == WebRoles.Manager;

    /// <summary>True when the user may see and act on calls of line <paramref name="lineNumber"/>.</summary>
    public bool CanSeeLine(string? lineNumber) =>
        IsManager || (lineNumber is not null && Lines.Contains(lineNumber, StringComparer.OrdinalIgnoreCase));

    /// <summary>True when the user may act for agent <paramref name="agentId"/> (set presence...): a manager for anyone, an agent for themselves.</summary>
    public bool CanActFor(string agentId) =>
        IsManager || (AgentId is not null && string.Equals(AgentId, agentId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The user of <paramref name="principal"/>, or null when not signed in.</summary>
    /// <param name="principal">The request's user.</param>
    /// <param name="agents">The agent directory, for the lines; null: no lines.</param>
    public static DeskUser? From(ClaimsPrincipal principal, AgentDirectory? agents)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true || principal.Identity.Name is not { Length: > 0 } userName)
        {
            return null;
        }
        string role = WebRoles.Normalize(principal.FindFirstValue(ClaimTypes.Role)) ?? WebRoles.Agent;
        string? agentId = principal.FindFirstValue(WebClaims.AgentId);
        IReadOnlyList<string> lines = agentId is not null && agents?.Find(agentId) is { } agent ? agent.Lines : [];
        return new DeskUser(userName, principal.FindFirstValue(WebClaims.DisplayName) ?? userName, role, agentId, lines);
    }

    /// <summary>The signed-in user of the request, or null.</summary>
    public static DeskUser? Current(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return From(context.User, context.RequestServices.GetService<AgentDirectory>());
    }
}
