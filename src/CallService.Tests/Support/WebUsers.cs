using CallService.Web.Auth;

namespace CallService.Tests.Support;

/// <summary>
/// The web users tests sign in as, with their passwords, and the configuration that defines them
/// (Web:Users). Hashes are made once per test run: PBKDF2 is slow on purpose.
/// </summary>
public static class WebUsers
{
    /// <summary>The manager every <see cref="ProductProcess"/> has (Web:Users:0).</summary>
    public const string Manager = "test-manager";

    public const string ManagerPassword = "manager-pass-1";

    /// <summary>The scrape token every <see cref="ProductProcess"/> has (Web:MetricsToken).</summary>
    public const string MetricsToken = "test-scrape-token-0123456789";

    private static readonly Dictionary<string, string> Hashes = [];

    /// <summary>The PasswordHasher hash of <paramref name="password"/>, made once.</summary>
    public static string HashOf(string password)
    {
        lock (Hashes)
        {
            if (!Hashes.TryGetValue(password, out string? hash))
            {
                hash = WebPasswordHash.Hash(password);
                Hashes[password] = hash;
            }
            return hash;
        }
    }

    /// <summary>The configuration pairs of user <paramref name="index"/> (Web:Users:index:...).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(int index, string userName, string role, string password, string? agentId = null)
    {
        string key = $"Web:Users:{index}";
        yield return new($"{key}:UserName", userName);
        yield return new($"{key}:Role", role);
        yield return new($"{key}:PasswordHash", HashOf(password));
        if (agentId is not null)
        {
            yield return new($"{key}:AgentId", agentId);
        }
    }

    /// <summary>The same as command-line arguments (--Web:Users:index:UserName=...).</summary>
    public static IEnumerable<string> Args(int index, string userName, string role, string password, string? agentId = null) =>
        Settings(index, userName, role, password, agentId).Select(pair => $"--{pair.Key}={pair.Value}");

    /// <summary>The manager at Web:Users:0 and the scrape token, as configuration pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ManagerSettings() =>
        Settings(0, Manager, WebRoles.Manager, ManagerPassword).Append(new("Web:MetricsToken", MetricsToken));
}
