using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CallService.Hosting;

/// <summary>
/// Runs the ValidateOnStart checks before the host starts, so that a bad configuration ends the
/// process with one line per problem and no stack trace (STYLE.md habit 11).
/// </summary>
public static class StartupCheck
{
    /// <summary>Every failure of every options type checked at start, one line each; empty when all are valid.</summary>
    public static IReadOnlyList<string> Run(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures.SelectMany(SplitLines)];
        }
        catch (AggregateException e)
        {
            // One OptionsValidationException per options type that failed.
            var failures = new List<string>();
            foreach (Exception inner in e.Flatten().InnerExceptions)
            {
                failures.AddRange(inner is OptionsValidationException validation
                    ? validation.Failures.SelectMany(SplitLines)
                    : SplitLines(inner.Message));
            }
            return failures;
        }
        catch (InvalidOperationException e)
        {
            // The configuration binder's "Failed to convert configuration value at 'Lines:0:TargetRings'".
            return [.. SplitLines(e.Message)];
        }
    }

    /// <summary>Writes the failures, one per line, and how to fix them.</summary>
    public static void Report(IReadOnlyList<string> failures, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(error);
        foreach (string failure in failures)
        {
            error.WriteLine(failure);
        }
        error.WriteLine(failures.Count == 1
            ? "CallService cannot start: fix the setting above (appsettings.json, CallService__ environment variables or --Section:Key=value; see docs/configuration.md)."
            : $"CallService cannot start: fix the {failures.Count} settings above (appsettings.json, CallService__ environment variables or --Section:Key=value; see docs/configuration.md).");
    }

    private static IEnumerable<string> SplitLines(string text) =>
        text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
