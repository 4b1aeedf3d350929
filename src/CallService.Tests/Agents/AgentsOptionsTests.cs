using CallService.Agents;
using CallService.Lines;
using CallService.Sip.Auth;
using CallService.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CallService.Tests.Agents;

/// <summary>The "Agents" section: bound per element, checked at start with one line per problem naming the key.</summary>
public sealed class AgentsOptionsTests
{
    [Fact]
    public void The_sample_agents_are_valid_and_typed()
    {
        using var root = new HostTempDirectory();
        Assert.Empty(AgentsConfiguration.Failures(root));

        var services = new ServiceCollection();
        services.AddAgentServices(AgentsConfiguration.Build(), root);
        using ServiceProvider provider = services.BuildServiceProvider();
        AgentRoster roster = provider.GetRequiredService<AgentRoster>();

        Agent amy = roster.Find("AMY")!;
        Assert.Equal(("amy", "小林", "8001", "sip:8001@callservice", LineDesk.FrontDesk), (amy.Id, amy.DisplayName, amy.SipUser, amy.AddressOfRecord, amy.Desk));
        Assert.Equal(["sales"], amy.Lines);
        Assert.Equal(TimeSpan.FromSeconds(20), amy.WrapUp);
        Agent ben = roster.FindBySipUser("8002")!;
        Assert.Equal(TimeSpan.FromSeconds(15), ben.WrapUp);
        Assert.Null(ben.Ha1Sha256);
        Assert.DoesNotContain(amy.Ha1Md5!, amy.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Agents:0:Id", "auto", "Agents:0:Id = \"auto\": is reserved for the service's own answer in the call records; choose another id")]
    [InlineData("Agents:0:Id", "Auto", "Agents:0:Id = \"Auto\": is reserved for the service's own answer in the call records; choose another id")]
    [InlineData("Agents:0:Id", "", "Agents:0:Id is missing: required, the agent's identifier (letters, digits, \"-\", \"_\", \".\"), e.g. \"amy\"")]
    [InlineData("Agents:0:Id", "amy/1", "Agents:0:Id = \"amy/1\": must be letters, digits, \"-\", \"_\" or \".\" only (it appears in URLs such as /api/agents/{id})")]
    [InlineData("Agents:1:Id", "AMY", "Agents:1:Id = \"AMY\": duplicates Agents:0:Id; each agent needs its own id (compared ignoring case)")]
    [InlineData("Agents:1:SipUser", "8001", "Agents:1:SipUser = \"8001\": duplicates Agents:0:SipUser; each agent registers as its own SIP user")]
    [InlineData("Agents:0:SipUser", "80 01", "Agents:0:SipUser = \"80 01\": must be SIP token characters only (letters, digits and - . ! % * _ + ` ' ~; RFC 3261 25.1)")]
    [InlineData("Agents:0:DisplayName", "", "Agents:0:DisplayName is missing: required, the name the agent says in the greeting (e.g. \"小林\")")]
    [InlineData("Agents:0:Ha1Md5", "secret", "Agents:0:Ha1Md5 has 6 characters: must be 32 hex digits, the MD5 HA1 printed by hash-password (never the password itself)")]
    [InlineData("Agents:0:Ha1Sha256", "abc", "Agents:0:Ha1Sha256 has 3 characters: must be 64 hex digits, the SHA-256 HA1 printed by hash-password (never the password itself)")]
    [InlineData("Agents:0:Realm", "pbx.example", "Agents:0:Realm = \"pbx.example\": the HA1 values were computed for this realm but Sip:Realm is \"callservice\"; hash again with --realm callservice (an HA1 only works in its own realm)")]
    [InlineData("Agents:0:Desk", "lobby", "Agents:0:Desk = \"lobby\": must be one of \"front-desk\", \"bar\", \"showroom\"")]
    [InlineData("Agents:0:Lines:0", "rentals", "Agents:0:Lines:0 = \"rentals\": is not a configured line; the lines are \"sales\", \"bar\"")]
    [InlineData("Agents:1:Lines:1", "Sales", "Agents:1:Lines:1 = \"Sales\": is listed twice")]
    [InlineData("Agents:0:WrapUpSeconds", "601", "Agents:0:WrapUpSeconds = 601: must be between 0 and 600 (seconds after each call before the agent is rung again)")]
    [InlineData("Agents:0:Password", "amy-secret", "Agents:0:Password is not a known setting: an agent has Id, DisplayName, SipUser, Ha1Md5, Ha1Sha256, Realm, Desk, Lines, WrapUpSeconds (passwords are not stored: run \"CallService hash-password\" and configure Ha1Md5 and Ha1Sha256)")]
    [InlineData("Sip:Realm", "", "Sip:Realm is missing: the digest realm agents authenticate in, e.g. \"callservice\" (the --realm of hash-password)")]
    public void A_bad_value_is_one_line_naming_its_key(string key, string value, string expected)
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = AgentsConfiguration.Failures(root, (key, value));

        Assert.Contains(expected, failures);
        if (key != "Sip:Realm")
        {
            Assert.Single(failures);
        }
    }

    [Fact]
    public void An_agent_without_any_HA1_or_lines_gets_a_line_for_each()
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = AgentsConfiguration.Failures(root,
            ("Agents:1:Ha1Md5", null), ("Agents:1:Lines:0", null), ("Agents:1:Lines:1", null));

        Assert.Equal(
        [
            "Agents:1:Ha1Md5 and Agents:1:Ha1Sha256 are missing: give at least one (passwords are not stored: run \"CallService hash-password --user 8002 --realm callservice\" and paste its Ha1Md5 and Ha1Sha256)",
            "Agents:1:Lines is missing: list the numbers of the sales lines the agent answers, e.g. [\"sales\"]",
        ], failures);
    }

    [Fact]
    public void The_password_never_appears_in_a_message()
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = AgentsConfiguration.Failures(root, ("Agents:0:Ha1Md5", "amy-secret"), ("Agents:0:Ha1Sha256", "amy-secret"));

        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.DoesNotContain("amy-secret", f, StringComparison.Ordinal));
    }

    [Fact]
    public void No_agents_at_all_is_valid()
    {
        var options = new AgentsOptions();

        Assert.Empty(AgentsOptionsValidator.Check(options, ["sales"], "callservice"));
    }

    [Fact]
    public void The_hash_password_output_pastes_into_an_agent()
    {
        string json = CallService.Cli.HashPasswordCommand.ToJson("8003", "callservice", "carol-secret");
        using var root = new HostTempDirectory();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var overrides = document.RootElement.EnumerateObject().Select(p => ($"Agents:2:{p.Name}", (string?)p.Value.GetString())).ToList();
        overrides.AddRange([("Agents:2:Id", "carol"), ("Agents:2:DisplayName", "Carol"), ("Agents:2:Desk", "showroom"), ("Agents:2:Lines:0", "sales")]);

        Assert.Empty(AgentsConfiguration.Failures(root, [.. overrides]));
        Assert.Equal(DigestHash.ComputeHa1(DigestAlgorithm.Sha256, "8003", "callservice", "carol-secret"), document.RootElement.GetProperty("Ha1Sha256").GetString());
    }
}
