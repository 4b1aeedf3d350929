using System.Globalization;
using CallService.Agents;
using CallService.Web.Texts;
using Microsoft.Extensions.Options;

namespace CallService.Web.Auth;

/// <summary>
/// Checks the sign-in settings at start (ValidateOnStart). Every failure is one line naming the full key,
/// e.g. "Web:Users:0:AgentId = "ayi": is not a configured agent; the agents are amy, bob".
/// </summary>
public sealed class WebAuthOptionsValidator : IValidateOptions<WebAuthOptions>
{
    private readonly IOptions<AgentsOptions>? _agents;

    /// <param name="agents">The agents, to check the users' AgentId; null: no agents are configured.</param>
    public WebAuthOptionsValidator(IOptions<AgentsOptions>? agents = null) => _agents = agents;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> agentIds = _agents?.Value.Agents.Where(a => a is not null && !string.IsNullOrWhiteSpace(a.Id)).Select(a => a.Id.Trim()).ToList() ?? [];
        List<string> failures = Check(options, agentIds);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>All failures, one line each; empty when the settings are valid.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="agentIds">The configured agents' ids (Agents:n:Id).</param>
    public static List<string> Check(WebAuthOptions options, IReadOnlyCollection<string> agentIds)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agentIds);
        var failures = new List<string>(options.BindingFailures);

        if (WebLanguage.NormalizeSetting(options.Language) is null)
        {
            failures.Add($"Web:Language = {Quote(options.Language)}: must be one of {string.Join(", ", WebLanguage.Settings)}");
        }
        Range(failures, "Web:MaxFailedSignIns", options.MaxFailedSignIns, 1, 100, "wrong passwords in a row before the user name is locked out");
        Range(failures, "Web:LockoutMinutes", options.LockoutMinutes, 1, 1440, "minutes a locked-out user name waits");
        Range(failures, "Web:SessionMinutes", options.SessionMinutes, 5, 10080, "minutes without a request before a session ends");
        if (!string.IsNullOrEmpty(options.MetricsToken)
            && (options.MetricsToken.Length < WebAuthOptions.MinMetricsTokenLength || options.MetricsToken.Any(char.IsWhiteSpace)))
        {
            // The value is not echoed: it is a secret.
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Web:MetricsToken has {options.MetricsToken.Length} characters: must be at least {WebAuthOptions.MinMetricsTokenLength} without blanks (e.g. the output of \"openssl rand -hex 24\"), or empty"));
        }

        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < options.Users.Count; i++)
        {
            string key = options.PathOf(i);
            WebUserOptions user = options.Users[i];
            CheckUser(key, user, agentIds, failures);
            string userName = user.UserName.Trim();
            if (userName.Length > 0 && !names.TryAdd(userName, key))
            {
                failures.Add($"{key}:UserName = {Quote(userName)}: {names[userName]} has it already; each user needs their own name (compared ignoring case)");
            }
        }
        return failures;
    }

    private static void CheckUser(string key, WebUserOptions user, IReadOnlyCollection<string> agentIds, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(user.UserName))
        {
            failures.Add($"{key}:UserName is missing: required, the name typed on the sign-in page (letters, digits, \"-\", \"_\", \".\", \"@\"), e.g. \"ayi\"");
        }
        else if (!user.UserName.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@'))
        {
            failures.Add($"{key}:UserName = {Quote(user.UserName)}: must be letters, digits, \"-\", \"_\", \".\" or \"@\" only");
        }

        string? role = WebRoles.Normalize(user.Role);
        if (role is null)
        {
            failures.Add($"{key}:Role = {Quote(user.Role)}: must be one of {string.Join(", ", WebRoles.All)}");
        }

        string? agentId = string.IsNullOrWhiteSpace(user.AgentId) ? null : user.AgentId.Trim();
        if (agentId is null && role == WebRoles.Agent)
        {
            failures.Add($"{key}:AgentId is missing: an agent signs in as one of the configured agents (Agents:n:Id), whose lines they see"
                + (agentIds.Count == 0 ? "; no agents are configured" : $"; the agents are {string.Join(", ", agentIds)}"));
        }
        else if (agentId is not null && !agentIds.Contains(agentId, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{key}:AgentId = {Quote(agentId)}: is not a configured agent (Agents:n:Id); "
                + (agentIds.Count == 0 ? "no agents are configured" : $"the agents are {string.Join(", ", agentIds)}"));
        }

        if (string.IsNullOrWhiteSpace(user.PasswordHash))
        {
            failures.Add($"{key}:PasswordHash is missing: passwords are not stored; run \"CallService hash-password --web\" and paste the hash it prints");
        }
        else if (!WebPasswordHash.IsWellFormed(user.PasswordHash))
        {
            // The value is not echoed: it may be a password pasted by mistake.
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{key}:PasswordHash has {user.PasswordHash.Length} characters but is not a password hash: paste what \"CallService hash-password --web\" prints (never the password itself)"));
        }
    }

    private static void Range(List<string> failures, string key, int value, int min, int max, string what)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{key} = {value}: must be between {min} and {max} ({what})"));
        }
    }

    private static string Quote(string? value) => "\"" + value + "\"";
}
