using System.Security.Claims;

namespace CallService.Web.Auth;

/// <summary>The claims of a signed-in user's cookie, and how they are made from a <see cref="WebUser"/>.</summary>
public static class WebClaims
{
    /// <summary>The claim of the display name.</summary>
    public const string DisplayName = "callservice:display-name";

    /// <summary>The claim of the agent id (absent for a manager who is no agent).</summary>
    public const string AgentId = "callservice:agent-id";

    /// <summary>The principal the sign-in cookie carries for <paramref name="user"/>.</summary>
    public static ClaimsPrincipal PrincipalOf(WebUser user, string authenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.Role, user.Role),
            new(DisplayName, user.DisplayName),
        };
        if (user.AgentId is not null)
        {
            claims.Add(new Claim(AgentId, user.AgentId));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
