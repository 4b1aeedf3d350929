using CallService.Cli;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Cli;

/// <summary>calls: argument parsing and the delegate seam that returns the JSON.</summary>
public sealed class CallsCommandTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_seam_gets_the_since_instant_and_its_json_is_printed()
    {
        var asked = new List<DateTimeOffset?>();
        var command = new CallsCommand((since, _) =>
        {
            asked.Add(since);
            return Task.FromResult("[{\"callId\":\"a1\"}]");
        });
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await command.RunAsync(Now.AddHours(-1), CommandConsole.ForStrings("", output, error), CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal([Now.AddHours(-1)], asked);
        Assert.Equal("[{\"callId\":\"a1\"}]" + Environment.NewLine, output.ToString());
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task A_failing_seam_is_one_line_and_exit_code_1()
    {
        var command = new CallsCommand((_, _) => throw new IOException("database is locked"));
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await command.RunAsync(null, CommandConsole.ForStrings("", output, error), CancellationToken.None);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output.ToString());
        Assert.Equal("calls: database is locked" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void The_arguments_give_the_instant_and_keep_the_configuration()
    {
        Assert.True(CallsArguments.TryParse(["--json", "--since", "90m", "--Storage:Provider=sqlite"], Now, TimeZoneInfo.Utc, out CallsArguments? arguments, out string? error));

        Assert.Null(error);
        Assert.Equal(Now.AddMinutes(-90), arguments!.Since);
        Assert.Equal(["--Storage:Provider=sqlite"], arguments.ConfigurationArgs);
        Assert.True(CallsArguments.TryParse(["--json"], Now, TimeZoneInfo.Utc, out CallsArguments? all, out _));
        Assert.Null(all!.Since);
    }

    [Theory]
    [InlineData("calls: --since \"last week\" is not a time: give " + SinceArgument.Expected, "--json", "--since", "last week")]
    [InlineData("calls: --json is required (JSON is the only output format so far)", "--since", "1h")]
    [InlineData("calls: --since needs a value", "--json", "--since")]
    public void Bad_arguments_are_one_line(string expected, params string[] args)
    {
        Assert.False(CallsArguments.TryParse(args, Now, TimeZoneInfo.Utc, out _, out string? error));

        Assert.Equal(expected, error);
    }

    [Fact]
    public async Task A_bad_since_exits_2_before_any_host_is_built()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = await CallsCommand.RunCommandLineAsync(
            ["--json", "--since", "yesterday"], CommandConsole.ForStrings("", output, error), new FakeTimeProvider(Now), CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output.ToString());
        Assert.StartsWith("calls: --since \"yesterday\" is not a time: give an ISO 8601 time", error.ToString(), StringComparison.Ordinal);
    }
}
