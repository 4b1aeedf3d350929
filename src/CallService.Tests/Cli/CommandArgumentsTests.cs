using CallService.Cli;

namespace CallService.Tests.Cli;

/// <summary>A command's own options apart from the configuration overrides that go on to the host.</summary>
public sealed class CommandArgumentsTests
{
    private static readonly string[] Flags = ["json"];
    private static readonly string[] Valued = ["since"];

    private static CommandArguments Parse(params string[] args) => CommandArguments.Parse("calls", args, Flags, Valued);

    [Fact]
    public void Options_and_configuration_overrides_are_separated_in_order()
    {
        CommandArguments parsed = Parse("--Sip:Port=5070", "--json", "--since", "1h", "--Web:Urls", "http://127.0.0.1:9000", "Storage:Provider=sqlite", "--environment=Staging");

        Assert.Null(parsed.Error);
        Assert.True(parsed.Has("json"));
        Assert.Equal("1h", parsed.Value("since"));
        Assert.Equal(["--Sip:Port=5070", "--Web:Urls", "http://127.0.0.1:9000", "Storage:Provider=sqlite", "--environment=Staging"], parsed.ConfigurationArgs);
        Assert.False(parsed.HelpRequested);
    }

    [Fact]
    public void An_option_value_may_follow_an_equals_sign_and_options_ignore_case()
    {
        CommandArguments parsed = Parse("--JSON", "--since=2025-06-01T09:00+08:00");

        Assert.Null(parsed.Error);
        Assert.True(parsed.Has("json"));
        Assert.Equal("2025-06-01T09:00+08:00", parsed.Value("since"));
        Assert.Empty(parsed.ConfigurationArgs);
    }

    [Theory]
    [InlineData("calls: unknown option \"--sinse\": its options are --json, --since; configuration overrides look like --Section:Key=value", "--sinse", "1h")]
    [InlineData("calls: --since needs a value", "--json", "--since")]
    [InlineData("calls: --since needs a value", "--since", "--json")]
    [InlineData("calls: --json takes no value", "--json=yes")]
    [InlineData("calls: --json is given twice", "--json", "--json")]
    [InlineData("calls: unexpected argument \"extra\" (options start with --, configuration overrides look like --Section:Key=value)", "--json", "extra")]
    [InlineData("calls: unknown option \"-x\": its options are --json, --since; configuration overrides look like --Section:Key=value", "-x")]
    public void Mistakes_are_one_line(string expected, params string[] args)
    {
        Assert.Equal(expected, Parse(args).Error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Help_is_recognised_anywhere(string help)
    {
        Assert.True(Parse("--json", help).HelpRequested);
    }

    [Fact]
    public void A_command_without_options_says_so()
    {
        CommandArguments parsed = CommandArguments.Parse("run", ["--port=5070"], [], []);

        Assert.Equal("run: unknown option \"--port=5070\": it takes no options; configuration overrides look like --Section:Key=value", parsed.Error);
    }
}
