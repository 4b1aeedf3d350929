namespace CallService.Web.Auth;

/// <summary>The body of GET /api/session (camelCase JSON).</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="DisplayName">The name to show.</param>
/// <param name="Role">"agent" or "manager".</param>
/// <param name="AgentId">The agent the user is, or null.</param>
/// <param name="Lines">That agent's line numbers.</param>
/// <param name="Language">"zh-CN" or "en": the language of the pages for this browser.</param>
/// <param name="AntiforgeryHeader">The header to send <paramref name="AntiforgeryToken"/> in on POST/PUT/PATCH/DELETE.</param>
/// <param name="AntiforgeryToken">The antiforgery request token for this user.</param>
public sealed record WebSessionView(
    string UserName, string DisplayName, string Role, string? AgentId, IReadOnlyList<string> Lines, string Language, string AntiforgeryHeader, string AntiforgeryToken);
