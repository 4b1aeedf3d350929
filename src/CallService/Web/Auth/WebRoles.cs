namespace CallService.Web.Auth;

/// <summary>The roles of the web front's users (Web:Users:n:Role), as claims and configuration spell them.</summary>
public static class WebRoles
{
    /// <summary>A front-desk agent: sees and acts on the calls of their own lines only.</summary>
    public const string Agent = "agent";

    /// <summary>A manager: sees every line, the dashboard and /metrics.</summary>
    public const string Manager = "manager";

    /// <summary>The roles, in the order messages list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Agent, Manager];

    /// <summary>The role as spelled here, or null for an unknown one (compared ignoring case and blanks).</summary>
    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
