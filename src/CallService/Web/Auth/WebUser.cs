namespace CallService.Web.Auth;

/// <summary>One user of the web front, typed from <see cref="WebUserOptions"/> after validation.</summary>
/// <param name="UserName">The sign-in name (trimmed; compared ignoring case).</param>
/// <param name="DisplayName">The name the pages show.</param>
/// <param name="Role"><see cref="WebRoles.Agent"/> or <see cref="WebRoles.Manager"/>.</param>
/// <param name="AgentId">The agent this user is (Agents:n:Id), or null for a manager who is none.</param>
/// <param name="PasswordHash">The PasswordHasher hash.</param>
public sealed record WebUser(string UserName, string DisplayName, string Role, string? AgentId, string PasswordHash)
{
    /// <summary>Not part of the text form: the hash stays out of logs.</summary>
    public override string ToString() => $"{UserName} ({Role})";
}
