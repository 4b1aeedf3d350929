using CallService.Lines;
using Microsoft.Extensions.Options;

namespace CallService.Hosting;

/// <summary>
/// Checks at start that each line's GreetingPrompt and HoldAudio file exists in the prompts
/// directory, so that a missing recording stops the service with its key named instead of leaving
/// the first auto-answered caller in silence. Values the lines validator already refuses (empty,
/// not .wav), and every file when the prompts directory itself is missing, are left to the other
/// validators so that each problem is reported once.
/// </summary>
public sealed class LinePromptFilesValidator(IOptions<PromptsOptions> prompts) : IValidateOptions<LinesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LinesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        PromptsOptions promptsOptions;
        try
        {
            promptsOptions = prompts.Value;
        }
        catch (OptionsValidationException)
        {
            // The prompts section is invalid; its own validator says why.
            return ValidateOptionsResult.Skip;
        }
        List<string> failures = Check(options, promptsOptions);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>One line per prompt file that is not there; empty when all are, or when the directory itself is missing.</summary>
    public static List<string> Check(LinesOptions lines, PromptsOptions prompts)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(prompts);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(prompts.Directory) || !Directory.Exists(prompts.Directory))
        {
            return failures;
        }
        for (int i = 0; i < lines.Lines.Count; i++)
        {
            LineOptions? line = lines.Lines[i];
            if (line is null)
            {
                continue;
            }
            string key = lines.PathOf(i);
            CheckFile(key, "GreetingPrompt", line.GreetingPrompt, prompts, failures);
            CheckFile(key, "HoldAudio", line.HoldAudio, prompts, failures);
        }
        return failures;
    }

    private static void CheckFile(string key, string option, string? file, PromptsOptions prompts, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(file) || !file.Trim().EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        string path = prompts.Resolve(file);
        if (!File.Exists(path))
        {
            failures.Add($"{key}:{option} = \"{file}\": file not found: {path} (names are relative to {PromptsOptions.SectionName}:Directory)");
        }
    }
}
