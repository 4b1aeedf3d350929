using CallService.Tests.Hosting;

namespace CallService.Tests.Cli;

/// <summary>The commands of the built product, run as a process.</summary>
public sealed class CommandProcessTests
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Hash_password_reads_stdin_and_prints_both_HA1_values()
    {
        await using var product = ProductCliProcess.Start(
            ["hash-password", "--user", "Mufasa", "--realm", "http-auth@example.org", "--Sip:Port=5070"], stdin: "Circle of Life\n");

        int exitCode = await product.WaitForExitAsync(ExitBound);

        Assert.Equal(0, exitCode);
        Assert.Equal("", product.StandardError);
        using var json = System.Text.Json.JsonDocument.Parse(product.StandardOutput);
        Assert.Equal("3d78807defe7de2157e2b0b6573a855f", json.RootElement.GetProperty("Ha1Md5").GetString());
        Assert.Equal("7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232", json.RootElement.GetProperty("Ha1Sha256").GetString());
    }

    [Fact]
    public async Task Help_lists_the_commands_and_exits_0()
    {
        await using var product = ProductCliProcess.Start(["--help"]);

        int exitCode = await product.WaitForExitAsync(ExitBound);

        Assert.Equal(0, exitCode);
        foreach (string command in (string[])["run", "calls --json", "demo", "hash-password --user", "report --from", "seed-demo-data --calls", "help, --help"])
        {
            Assert.Contains("  " + command, product.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_command_prints_the_usage_and_exits_2()
    {
        await using var product = ProductCliProcess.Start(["frobnicate"]);

        int exitCode = await product.WaitForExitAsync(ExitBound);

        Assert.Equal(2, exitCode);
        Assert.Equal("", product.StandardOutput);
        Assert.StartsWith("CallService: unknown command \"frobnicate\"", product.StandardError, StringComparison.Ordinal);
        Assert.Contains("Usage: CallService [command]", product.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_with_a_bad_since_exits_2_naming_what_is_expected()
    {
        await using var product = ProductCliProcess.Start(["calls", "--json", "--since", "yesterday", "--Sip:Port=5070"]);

        int exitCode = await product.WaitForExitAsync(ExitBound);

        Assert.Equal(2, exitCode);
        Assert.Equal("", product.StandardOutput);
        Assert.StartsWith(
            "calls: --since \"yesterday\" is not a time: give an ISO 8601 time (2025-06-01, 2025-06-01T09:00, 2025-06-01T09:00+08:00) or a time ago (45s, 30m, 1h, 7d, 2w, 1h30m)",
            product.StandardError,
            StringComparison.Ordinal);
    }
}
