using Microsoft.Extensions.Options;

namespace CallService.Hosting;

/// <summary>Checks the "Prompts" section at start: the directory must exist.</summary>
public sealed class PromptsOptionsValidator : IValidateOptions<PromptsOptions>
{
    private const string Key = PromptsOptions.SectionName + ":Directory";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PromptsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>All failures, one line each; empty when the section is valid.</summary>
    public static List<string> Check(PromptsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.BindingFailures);
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add($"{Key} is missing: the folder of the WAV prompts, e.g. \"{PromptsOptions.DefaultDirectory}\" (next to the executable)");
        }
        else if (!System.IO.Directory.Exists(options.Directory))
        {
            failures.Add($"{Key}: the folder {Path.GetFullPath(options.Directory)} does not exist: create it with the line prompts "
                + $"or point {Key} at them (relative paths start at {HostPaths.BaseDirectory})");
        }
        return failures;
    }
}
