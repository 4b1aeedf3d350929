using System.Text.Encodings.Web;
using System.Text.Json;
using CallService.Sip.Auth;
using CallService.Web.Auth;

namespace CallService.Cli;

/// <summary>
/// hash-password: the HA1 values of a SIP account (RFC 7616 3.4.2: H(user ":" realm ":" password),
/// MD5 and SHA-256), or with --web the PBKDF2 hash of a web sign-in password (Web:Users:n:PasswordHash),
/// printed as JSON so they can be pasted into the configuration instead of the password.
/// </summary>
public static class HashPasswordCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "hash-password";

    private static readonly string[] Flags = ["web"];

    private static readonly string[] Valued = ["user", "realm", "password"];

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        // Keep 海逸长洲 readable: the output goes to a terminal or a config file, never into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs the command on the arguments after its name.</summary>
    public static int Run(IReadOnlyList<string> args, CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        CommandArguments parsed = CommandArguments.Parse(Name, args, Flags, Valued);
        if (parsed.HelpRequested)
        {
            Usage.WriteCommand(Name, console.Out);
            return ExitCodes.Ok;
        }
        if (parsed.Error is not null)
        {
            return UsageError(parsed.Error, console);
        }
        string? user = parsed.Value("user");
        string? realm = parsed.Value("realm");
        if (parsed.Has("web"))
        {
            return RunWeb(parsed, user, realm, console);
        }
        if (string.IsNullOrEmpty(user))
        {
            return UsageError($"{Name}: --user is required (the SIP user name, e.g. the agent's extension)", console);
        }
        if (string.IsNullOrEmpty(realm))
        {
            return UsageError($"{Name}: --realm is required (the digest realm the service challenges with)", console);
        }

        string? readError = null;
        string? password = parsed.Value("password") ?? ReadPassword($"Password for {user} in realm {realm}: ", console, out readError);
        if (password is null)
        {
            return UsageError(readError ?? $"{Name}: no password given", console);
        }
        if (password.Length == 0)
        {
            return UsageError($"{Name}: the password is empty", console);
        }

        console.Out.WriteLine(ToJson(user, realm, password));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The JSON the command prints: SipUser, Realm, Ha1Md5, Ha1Sha256, named as an agent's settings
    /// (Agents:n:SipUser, :Realm, :Ha1Md5, :Ha1Sha256) so the object can be pasted into one.
    /// </summary>
    public static string ToJson(string user, string realm, string password)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("SipUser", user);
            json.WriteString("Realm", realm);
            json.WriteString("Ha1Md5", DigestHash.ComputeHa1(DigestAlgorithm.Md5, user, realm, password));
            json.WriteString("Ha1Sha256", DigestHash.ComputeHa1(DigestAlgorithm.Sha256, user, realm, password));
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The JSON of --web: UserName (when given) and PasswordHash, named as a web user's settings
    /// (Web:Users:n:UserName, :PasswordHash) so the object can be pasted into one.
    /// </summary>
    public static string ToWebJson(string? user, string password)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            if (!string.IsNullOrEmpty(user))
            {
                json.WriteString("UserName", user);
            }
            json.WriteString("PasswordHash", WebPasswordHash.Hash(password));
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // --web: a web sign-in password's hash; a realm belongs to SIP digests only.
    private static int RunWeb(CommandArguments parsed, string? user, string? realm, CommandConsole console)
    {
        if (realm is not null)
        {
            return UsageError($"{Name}: --realm is for SIP HA1 values; --web hashes a web sign-in password, which has no realm", console);
        }
        string? readError = null;
        string? password = parsed.Value("password")
            ?? ReadPassword(string.IsNullOrEmpty(user) ? "Web password: " : $"Web password for {user}: ", console, out readError);
        if (password is null)
        {
            return UsageError(readError ?? $"{Name}: no password given", console);
        }
        if (password.Length == 0)
        {
            return UsageError($"{Name}: the password is empty", console);
        }
        console.Out.WriteLine(ToWebJson(user, password));
        return ExitCodes.Ok;
    }

    private static string? ReadPassword(string prompt, CommandConsole console, out string? error)
    {
        error = null;
        if (console.IsInputRedirected)
        {
            // One line from stdin (echo secret | CallService hash-password ...); the line end is not part of it.
            string? line = console.In.ReadLine();
            if (line is null)
            {
                error = $"{Name}: no password on stdin: pipe it in, or give --password";
            }
            return line;
        }
        console.Error.Write(prompt);
        string? first = console.ReadHiddenLine();
        if (first is null)
        {
            error = $"{Name}: no password given";
            return null;
        }
        console.Error.Write("Again, to confirm: ");
        string? second = console.ReadHiddenLine();
        if (!string.Equals(first, second, StringComparison.Ordinal))
        {
            error = $"{Name}: the two passwords differ";
            return null;
        }
        return first;
    }

    private static int UsageError(string message, CommandConsole console)
    {
        console.Error.WriteLine(message);
        console.Error.WriteLine($"Run \"CallService {Name} --help\" for the usage.");
        return ExitCodes.Usage;
    }
}
