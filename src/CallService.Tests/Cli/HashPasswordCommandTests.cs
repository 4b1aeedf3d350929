using System.Text.Json;
using CallService.Cli;
using CallService.Web.Auth;

namespace CallService.Tests.Cli;

/// <summary>hash-password: HA1 values as JSON, password from --password or stdin.</summary>
public sealed class HashPasswordCommandTests
{
    // RFC 7616 3.9.1 user, realm and password (erratum 4495); HA1 values computed independently (Python hashlib).
    private const string RfcMd5 = "3d78807defe7de2157e2b0b6573a855f";
    private const string RfcSha256 = "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232";

    private static (int ExitCode, string Out, string Error) Run(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = HashPasswordCommand.Run(args, CommandConsole.ForStrings(stdin, output, error));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void The_password_option_gives_both_HA1_values_as_json()
    {
        (int code, string output, string error) = Run("", "--user", "Mufasa", "--realm", "http-auth@example.org", "--password", "Circle of Life");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("Mufasa", json.RootElement.GetProperty("SipUser").GetString());
        Assert.Equal("http-auth@example.org", json.RootElement.GetProperty("Realm").GetString());
        Assert.Equal(RfcMd5, json.RootElement.GetProperty("Ha1Md5").GetString());
        Assert.Equal(RfcSha256, json.RootElement.GetProperty("Ha1Sha256").GetString());
    }

    [Fact]
    public void Without_the_option_the_first_line_of_stdin_is_the_password()
    {
        (int code, string output, _) = Run("Circle of Life\r\nignored\n", "--user=Mufasa", "--realm=http-auth@example.org", "--Sip:Port=5070");

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(RfcMd5, json.RootElement.GetProperty("Ha1Md5").GetString());
        Assert.Equal(RfcSha256, json.RootElement.GetProperty("Ha1Sha256").GetString());
    }

    [Fact]
    public void Non_ascii_names_are_hashed_as_utf8_and_printed_readably()
    {
        (int code, string output, _) = Run("密码 secret\n", "--user", "8001", "--realm", "海逸长洲");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("\"Realm\": \"海逸长洲\"", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("b4256a082d4524bd4e4a12df1ee8114e", json.RootElement.GetProperty("Ha1Md5").GetString());
        Assert.Equal("9bc9bd532b0cf498c9a23505d4dc161b80866c31a8612502c6a235f7ca27b0d9", json.RootElement.GetProperty("Ha1Sha256").GetString());
    }

    [Theory]
    [InlineData("hash-password: --user is required (the SIP user name, e.g. the agent's extension)", "--realm", "r", "--password", "p")]
    [InlineData("hash-password: --realm is required (the digest realm the service challenges with)", "--user", "u", "--password", "p")]
    [InlineData("hash-password: the password is empty", "--user", "u", "--realm", "r", "--password=")]
    [InlineData("hash-password: no password on stdin: pipe it in, or give --password", "--user", "u", "--realm", "r")]
    [InlineData("hash-password: unknown option \"--pass\": its options are --web, --user, --realm, --password; configuration overrides look like --Section:Key=value", "--user", "u", "--pass", "p")]
    public void Mistakes_are_usage_errors(string expected, params string[] args)
    {
        (int code, string output, string error) = Run("", args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.StartsWith(expected + Environment.NewLine, error, StringComparison.Ordinal);
    }

    [Fact]
    public void At_a_terminal_the_password_is_asked_twice_without_echo()
    {
        var answers = new Queue<string?>(["Circle of Life", "Circle of Life"]);
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CommandConsole(new StringReader(""), output, error, IsInputRedirected: false, () => answers.Dequeue());

        int code = HashPasswordCommand.Run(["--user", "Mufasa", "--realm", "http-auth@example.org"], console);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("Password for Mufasa in realm http-auth@example.org: Again, to confirm: ", error.ToString());
        Assert.Contains(RfcSha256, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_different_passwords_at_a_terminal_are_refused()
    {
        var answers = new Queue<string?>(["one", "two"]);
        var error = new StringWriter();
        var console = new CommandConsole(new StringReader(""), new StringWriter(), error, IsInputRedirected: false, () => answers.Dequeue());

        int code = HashPasswordCommand.Run(["--user", "u", "--realm", "r"], console);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("hash-password: the two passwords differ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_web_it_prints_a_salted_pbkdf2_hash_that_verifies_the_password()
    {
        (int code, string output, string error) = Run("", "--web", "--user", "ayi", "--password", "前台 pass");
        (_, string again, _) = Run("前台 pass\n", "--web");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("ayi", json.RootElement.GetProperty("UserName").GetString());
        string hash = json.RootElement.GetProperty("PasswordHash").GetString()!;
        Assert.True(WebPasswordHash.Verify(hash, "前台 pass"));
        Assert.False(WebPasswordHash.Verify(hash, "前台 pas"));
        using var second = JsonDocument.Parse(again);
        Assert.False(second.RootElement.TryGetProperty("UserName", out _));
        string secondHash = second.RootElement.GetProperty("PasswordHash").GetString()!;
        Assert.NotEqual(hash, secondHash);
        Assert.True(WebPasswordHash.Verify(secondHash, "前台 pass"));
    }

    [Theory]
    [InlineData("hash-password: --realm is for SIP HA1 values; --web hashes a web sign-in password, which has no realm", "--web", "--realm", "r", "--password", "p")]
    [InlineData("hash-password: the password is empty", "--web", "--password=")]
    [InlineData("hash-password: no password on stdin: pipe it in, or give --password", "--web", "--user", "u")]
    public void Web_mistakes_are_usage_errors(string expected, params string[] args)
    {
        (int code, string output, string error) = Run("", args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.StartsWith(expected + Environment.NewLine, error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_web_at_a_terminal_the_password_is_asked_twice()
    {
        var answers = new Queue<string?>(["pw-1", "pw-1"]);
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CommandConsole(new StringReader(""), output, error, IsInputRedirected: false, () => answers.Dequeue());

        int code = HashPasswordCommand.Run(["--web", "--user", "ayi"], console);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("Web password for ayi: Again, to confirm: ", error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        Assert.True(WebPasswordHash.Verify(json.RootElement.GetProperty("PasswordHash").GetString()!, "pw-1"));
    }
}
