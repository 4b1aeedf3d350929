using CallService.Tests.Support;
using CallService.Web.Auth;
using Microsoft.Extensions.Configuration;

namespace CallService.Tests.Web;

/// <summary>Web:Users and the other sign-in keys as read and checked at start: one line per problem, naming the key.</summary>
public sealed class WebAuthOptionsTests
{
    private static readonly string[] Agents = ["ayi", "amy"];

    private static List<string> Failures(params (string Key, string? Value)[] settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var options = new WebAuthOptions();
        WebAuthOptionsBinder.Bind(configuration, options);
        return WebAuthOptionsValidator.Check(options, Agents);
    }

    private static (string, string?)[] User(int index, string userName, string role, string? agentId, string? hash)
    {
        var settings = new List<(string, string?)> { ($"Web:Users:{index}:UserName", userName), ($"Web:Users:{index}:Role", role) };
        if (agentId is not null)
        {
            settings.Add(($"Web:Users:{index}:AgentId", agentId));
        }
        if (hash is not null)
        {
            settings.Add(($"Web:Users:{index}:PasswordHash", hash));
        }
        return [.. settings];
    }

    [Fact]
    public void No_users_and_the_defaults_are_valid()
    {
        Assert.Empty(Failures());
        var options = new WebAuthOptions();
        WebAuthOptionsBinder.Bind(new ConfigurationBuilder().Build(), options);
        Assert.Equal(("auto", 5, 15, 480), (options.Language, options.MaxFailedSignIns, options.LockoutMinutes, options.SessionMinutes));
        Assert.Null(options.MetricsToken);
    }

    [Fact]
    public void An_agent_and_a_manager_with_hashes_are_valid()
    {
        string hash = WebUsers.HashOf("pw-1");
        Assert.Empty(Failures([.. User(0, "ayi", "agent", "ayi", hash), .. User(1, "boss", "Manager", null, hash), ("Web:MetricsToken", "0123456789abcdef")]));
    }

    [Theory]
    [InlineData("Web:Users:0:PasswordHash is missing: passwords are not stored; run \"CallService hash-password --web\" and paste the hash it prints", "ayi", "agent", "ayi", null)]
    [InlineData("Web:Users:0:PasswordHash has 9 characters but is not a password hash: paste what \"CallService hash-password --web\" prints (never the password itself)", "ayi", "agent", "ayi", "secret-pw")]
    [InlineData("Web:Users:0:AgentId is missing: an agent signs in as one of the configured agents (Agents:n:Id), whose lines they see; the agents are ayi, amy", "ayi", "agent", null, "HASH")]
    [InlineData("Web:Users:0:AgentId = \"bob\": is not a configured agent (Agents:n:Id); the agents are ayi, amy", "boss", "manager", "bob", "HASH")]
    [InlineData("Web:Users:0:Role = \"admin\": must be one of agent, manager", "boss", "admin", null, "HASH")]
    [InlineData("Web:Users:0:UserName = \"a yi\": must be letters, digits, \"-\", \"_\", \".\" or \"@\" only", "a yi", "agent", "ayi", "HASH")]
    public void A_bad_user_is_one_line_naming_the_key(string expected, string userName, string role, string? agentId, string? hash)
    {
        List<string> failures = Failures(User(0, userName, role, agentId, hash == "HASH" ? WebUsers.HashOf("pw-1") : hash));

        Assert.Equal([expected], failures);
    }

    [Fact]
    public void The_password_itself_is_never_echoed_and_an_unknown_key_is_named()
    {
        List<string> failures = Failures(("Web:Users:0:UserName", "ayi"), ("Web:Users:0:Role", "agent"), ("Web:Users:0:AgentId", "ayi"),
            ("Web:Users:0:Password", "hunter2-secret"));

        Assert.Equal(2, failures.Count);
        Assert.StartsWith("Web:Users:0:Password is not a known setting", failures[0], StringComparison.Ordinal);
        Assert.StartsWith("Web:Users:0:PasswordHash is missing", failures[1], StringComparison.Ordinal);
        Assert.DoesNotContain(failures, f => f.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_users_with_one_name_are_refused_ignoring_case()
    {
        string hash = WebUsers.HashOf("pw-1");
        List<string> failures = Failures([.. User(0, "ayi", "agent", "ayi", hash), .. User(1, "AYI", "manager", null, hash)]);

        Assert.Equal(["Web:Users:1:UserName = \"AYI\": Web:Users:0 has it already; each user needs their own name (compared ignoring case)"], failures);
    }

    [Fact]
    public void The_other_keys_are_checked_with_their_ranges()
    {
        List<string> failures = Failures(("Web:Language", "fr"), ("Web:MaxFailedSignIns", "0"), ("Web:LockoutMinutes", "many"),
            ("Web:SessionMinutes", "1"), ("Web:MetricsToken", "short"));

        Assert.Equal(
        [
            "Web:LockoutMinutes = \"many\": must be a whole number, minutes, e.g. 15",
            "Web:Language = \"fr\": must be one of auto, zh-CN, en",
            "Web:MaxFailedSignIns = 0: must be between 1 and 100 (wrong passwords in a row before the user name is locked out)",
            "Web:SessionMinutes = 1: must be between 5 and 10080 (minutes without a request before a session ends)",
            "Web:MetricsToken has 5 characters: must be at least 16 without blanks (e.g. the output of \"openssl rand -hex 24\"), or empty",
        ], failures);
    }
}
