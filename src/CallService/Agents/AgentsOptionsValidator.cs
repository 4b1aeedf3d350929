using System.Globalization;
using CallService.Hosting;
using CallService.Lines;
using Microsoft.Extensions.Options;

namespace CallService.Agents;

/// <summary>
/// Checks the agents at start (ValidateOnStart). Every failure is one line naming the full
/// configuration key, the value found and what is expected, e.g.
/// "Agents:1:Id = "auto": is reserved for the service's own answer; choose another id".
/// </summary>
public sealed class AgentsOptionsValidator : IValidateOptions<AgentsOptions>
{
    /// <summary>The longest wrap-up.</summary>
    public const int MaxWrapUpSeconds = 600;

    /// <summary>The id the records use for the service answering itself.</summary>
    public const string ReservedId = "auto";

    private readonly IOptions<LinesOptions>? _lines;
    private readonly IOptions<SipOptions>? _sip;

    /// <param name="lines">The sales lines, to check the agents' line numbers; null skips that check.</param>
    /// <param name="sip">The SIP options, for the realm; null assumes the default realm.</param>
    public AgentsOptionsValidator(IOptions<LinesOptions>? lines = null, IOptions<SipOptions>? sip = null)
    {
        _lines = lines;
        _sip = sip;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AgentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = Check(options, LineNumbers(), Realm());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>All failures, one line each, in configuration order; empty when the agents are valid.</summary>
    /// <param name="options">The agents.</param>
    /// <param name="lineNumbers">The configured line numbers, or null to skip checking the agents' lines against them.</param>
    /// <param name="realm">Sip:Realm, against which an agent's optional Realm is checked; null skips that check.</param>
    public static List<string> Check(AgentsOptions options, IReadOnlyCollection<string>? lineNumbers, string? realm)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.BindingFailures);
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < options.Agents.Count; i++)
        {
            string key = options.PathOf(i);
            AgentOptions? agent = options.Agents[i];
            if (agent is null)
            {
                failures.Add($"{key} is missing: each element of {AgentsOptions.SectionName} must be an agent with Id, DisplayName, SipUser, an HA1, Desk and Lines");
                continue;
            }

            CheckAgent(key, agent, lineNumbers, realm, failures);
            Unique(key, "Id", agent.Id?.Trim(), ids, "each agent needs its own id (compared ignoring case)", failures);
            Unique(key, "SipUser", agent.SipUser?.Trim(), users, "each agent registers as its own SIP user", failures);
        }

        return failures;
    }

    private static void CheckAgent(string key, AgentOptions agent, IReadOnlyCollection<string>? lineNumbers, string? realm, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(agent.Id))
        {
            failures.Add($"{key}:Id is missing: required, the agent's identifier (letters, digits, \"-\", \"_\", \".\"), e.g. \"amy\"");
        }
        else if (string.Equals(agent.Id.Trim(), ReservedId, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{key}:Id = {Quote(agent.Id)}: is reserved for the service's own answer in the call records; choose another id");
        }
        else if (!IsIdentifier(agent.Id))
        {
            failures.Add($"{key}:Id = {Quote(agent.Id)}: must be letters, digits, \"-\", \"_\" or \".\" only (it appears in URLs such as /api/agents/{{id}})");
        }

        if (string.IsNullOrWhiteSpace(agent.DisplayName))
        {
            failures.Add($"{key}:DisplayName is missing: required, the name the agent says in the greeting (e.g. \"小林\")");
        }

        if (string.IsNullOrWhiteSpace(agent.SipUser))
        {
            failures.Add($"{key}:SipUser is missing: required, the SIP user the agent's softphone registers as (e.g. \"8001\")");
        }
        else if (!SipToken.IsToken(agent.SipUser))
        {
            failures.Add($"{key}:SipUser = {Quote(agent.SipUser)}: must be SIP token characters only (letters, digits and - . ! % * _ + ` ' ~; RFC 3261 25.1)");
        }

        bool hasMd5 = !string.IsNullOrWhiteSpace(agent.Ha1Md5);
        bool hasSha256 = !string.IsNullOrWhiteSpace(agent.Ha1Sha256);
        if (!hasMd5 && !hasSha256)
        {
            failures.Add($"{key}:Ha1Md5 and {key}:Ha1Sha256 are missing: give at least one (passwords are not stored: "
                + $"run \"CallService hash-password --user {agent.SipUser} --realm {realm ?? "callservice"}\" and paste its Ha1Md5 and Ha1Sha256)");
        }

        if (hasMd5 && !IsHex(agent.Ha1Md5!, 32))
        {
            // The value is not echoed: it may be a password pasted by mistake.
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{key}:Ha1Md5 has {agent.Ha1Md5!.Length} characters: must be 32 hex digits, the MD5 HA1 printed by hash-password (never the password itself)"));
        }

        if (hasSha256 && !IsHex(agent.Ha1Sha256!, 64))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{key}:Ha1Sha256 has {agent.Ha1Sha256!.Length} characters: must be 64 hex digits, the SHA-256 HA1 printed by hash-password (never the password itself)"));
        }

        if (agent.Realm is not null && realm is not null && !string.Equals(agent.Realm, realm, StringComparison.Ordinal))
        {
            failures.Add($"{key}:Realm = {Quote(agent.Realm)}: the HA1 values were computed for this realm but Sip:Realm is {Quote(realm)}; "
                + $"hash again with --realm {realm} (an HA1 only works in its own realm)");
        }

        if (string.IsNullOrWhiteSpace(agent.Desk))
        {
            failures.Add($"{key}:Desk is missing: must be one of {Choices(LineDesks.Names)}");
        }
        else if (!LineDesks.TryParse(agent.Desk, out _))
        {
            failures.Add($"{key}:Desk = {Quote(agent.Desk)}: must be one of {Choices(LineDesks.Names)}");
        }

        CheckLines(key, agent.Lines, lineNumbers, failures);

        if (agent.WrapUpSeconds is < 0 or > MaxWrapUpSeconds)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{key}:WrapUpSeconds = {agent.WrapUpSeconds}: must be between 0 and {MaxWrapUpSeconds} (seconds after each call before the agent is rung again)"));
        }
    }

    private static void CheckLines(string key, List<string>? lines, IReadOnlyCollection<string>? lineNumbers, List<string> failures)
    {
        if (lines is null || lines.Count == 0)
        {
            failures.Add($"{key}:Lines is missing: list the numbers of the sales lines the agent answers, e.g. [\"sales\"]");
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int j = 0; j < lines.Count; j++)
        {
            string? number = lines[j]?.Trim();
            string lineKey = $"{key}:Lines:{j.ToString(CultureInfo.InvariantCulture)}";
            if (string.IsNullOrEmpty(number))
            {
                failures.Add($"{lineKey} is empty: each entry is the number of a sales line (Lines:n:Number)");
            }
            else if (!seen.Add(number))
            {
                failures.Add($"{lineKey} = {Quote(number)}: is listed twice");
            }
            else if (lineNumbers is not null && !lineNumbers.Contains(number, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{lineKey} = {Quote(number)}: is not a configured line; the lines are "
                    + (lineNumbers.Count == 0 ? "none" : Choices([.. lineNumbers])));
            }
        }
    }

    private static void Unique(string key, string option, string? value, Dictionary<string, string> seen, string why, List<string> failures)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (seen.TryGetValue(value, out string? first))
        {
            failures.Add($"{key}:{option} = {Quote(value)}: duplicates {first}:{option}; {why}");
        }
        else
        {
            seen.Add(value, key);
        }
    }

    private static bool IsIdentifier(string id)
    {
        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return id.Length > 0;
    }

    private static bool IsHex(string value, int length) => value.Length == length && value.All(char.IsAsciiHexDigit);

    private List<string>? LineNumbers()
    {
        try
        {
            return _lines is null ? null : [.. _lines.Value.Lines.Where(l => !string.IsNullOrWhiteSpace(l?.Number)).Select(l => l.Number.Trim())];
        }
        catch (OptionsValidationException)
        {
            // The lines are invalid themselves and reported on their own lines: no cross-check.
            return null;
        }
    }

    private string? Realm()
    {
        try
        {
            return _sip?.Value.Realm;
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }

    private static string Choices(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    private static string Quote(string? value) => $"\"{value}\"";
}
