namespace CallService.Sip.Media;

/// <summary>
/// Thrown when prompts cannot be loaded at start-up; the message names every failed prompt and its
/// file so the service can refuse to start with one clear line.
/// </summary>
public sealed class PromptLoadException : Exception
{
    public PromptLoadException(IReadOnlyList<PromptLoadFailure> failures)
        : base(BuildMessage(failures))
    {
        Failures = failures;
    }

    public PromptLoadException()
        : this([])
    {
    }

    public PromptLoadException(string message)
        : base(message)
    {
        Failures = [];
    }

    public PromptLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    public IReadOnlyList<PromptLoadFailure> Failures { get; }

    private static string BuildMessage(IReadOnlyList<PromptLoadFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return failures.Count switch
        {
            0 => "Prompts could not be loaded.",
            1 => $"Cannot load {failures[0]}.",
            _ => $"Cannot load {failures.Count} prompts: {string.Join("; ", failures)}.",
        };
    }
}
