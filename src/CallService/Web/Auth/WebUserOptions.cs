namespace CallService.Web.Auth;

/// <summary>
/// One user of the web front as configured (an element of Web:Users). The password is never stored:
/// only its ASP.NET Core PasswordHasher hash (PBKDF2), as printed by "hash-password --web".
/// Checked at start by <see cref="WebAuthOptionsValidator"/>.
/// </summary>
public sealed class WebUserOptions
{
    /// <summary>The name typed on the sign-in page (letters, digits, "-", "_", "."; compared ignoring case).</summary>
    public string UserName { get; set; } = "";

    /// <summary>The name the pages show; default the agent's DisplayName, else the user name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>"agent" or "manager".</summary>
    public string Role { get; set; } = "";

    /// <summary>The agent (Agents:n:Id) this user is: required for an agent (their lines come from it), optional for a manager.</summary>
    public string? AgentId { get; set; }

    /// <summary>The PasswordHasher hash (base64) printed by <c>CallService hash-password --web</c>.</summary>
    public string PasswordHash { get; set; } = "";
}
