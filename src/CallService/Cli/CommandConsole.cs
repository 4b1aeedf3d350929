using System.Text;

namespace CallService.Cli;

/// <summary>The streams a command talks to; tests pass string readers and writers.</summary>
/// <param name="In">Standard input (hash-password reads the password here).</param>
/// <param name="Out">Standard output: the command's result only (JSON for calls and hash-password).</param>
/// <param name="Error">Standard error: messages, prompts and errors.</param>
/// <param name="IsInputRedirected">False when a person types at a terminal: then a password is asked for without echo.</param>
/// <param name="ReadHiddenLine">Reads one line from the terminal without echoing it; used only when input is not redirected.</param>
public sealed record CommandConsole(
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    bool IsInputRedirected,
    Func<string?> ReadHiddenLine)
{
    /// <summary>The process's console.</summary>
    public static CommandConsole System { get; } = new(
        Console.In, Console.Out, Console.Error, Console.IsInputRedirected, ReadHiddenConsoleLine);

    /// <summary>A console on in-memory streams (redirected input).</summary>
    public static CommandConsole ForStrings(string input, StringWriter output, StringWriter error) =>
        new(new StringReader(input), output, error, IsInputRedirected: true, () => null);

    private static string? ReadHiddenConsoleLine()
    {
        var line = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.Error.WriteLine();
                    return line.ToString();
                case ConsoleKey.Backspace:
                    if (line.Length > 0)
                    {
                        line.Length--;
                    }
                    break;
                default:
                    if (key.KeyChar == '\u0004' && line.Length == 0)
                    {
                        // Ctrl+D on an empty line: no password.
                        Console.Error.WriteLine();
                        return null;
                    }
                    if (!char.IsControl(key.KeyChar))
                    {
                        line.Append(key.KeyChar);
                    }
                    break;
            }
        }
    }
}
