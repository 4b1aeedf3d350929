using CallService.Cli;

namespace CallService.Tests.Cli;

/// <summary>The first argument picks the command; help and unknown commands.</summary>
public sealed class CommandDispatcherTests
{
    private static async Task<(int ExitCode, string Out, string Error)> Run(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CommandDispatcher.RunAsync(args, CommandConsole.ForStrings(stdin, output, error), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_lists_every_command(string help)
    {
        (int code, string output, string error) = await Run("", help);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        foreach (string command in Usage.Commands)
        {
            Assert.Contains($"  {command}", output, StringComparison.Ordinal);
        }
        Assert.Contains("--Section:Key=value", output, StringComparison.Ordinal);
        Assert.Contains("CallService__Section__Key=value", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("calls")]
    [InlineData("demo")]
    [InlineData("hash-password")]
    [InlineData("report")]
    [InlineData("seed-demo-data")]
    public async Task Each_command_has_its_own_help(string command)
    {
        (int code, string output, _) = await Run("", command, "--help");
        (int helpCode, string helpOutput, _) = await Run("", "help", command);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith($"Usage: CallService {(command == "run" ? "[run]" : command)}", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, helpCode);
        Assert.Equal(output, helpOutput);
    }

    [Fact]
    public async Task An_unknown_command_prints_the_usage_to_stderr_and_exits_2()
    {
        (int code, string output, string error) = await Run("", "serve", "--Sip:Port=5070");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.StartsWith("CallService: unknown command \"serve\"; the commands are run, calls, demo, report, seed-demo-data, hash-password, help.", error, StringComparison.Ordinal);
        Assert.Contains("Usage: CallService [command]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_gets_the_arguments_after_its_name()
    {
        (int code, string output, _) = await Run("Circle of Life\n", "hash-password", "--Sip:Port=5070", "--user", "Mufasa", "--realm", "http-auth@example.org");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("\"Ha1Md5\": \"3d78807defe7de2157e2b0b6573a855f\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_refuses_an_option_that_is_not_configuration()
    {
        (int code, _, string error) = await Run("", "--sip-port=5070");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("run: unknown option \"--sip-port=5070\": it takes no options", error, StringComparison.Ordinal);
    }
}
