using Microsoft.Extensions.Options;

namespace CallService.Stats;

/// <summary>Checks the "Stats" section at start (ValidateOnStart): a bad value stops the service with one line naming the key.</summary>
public sealed class StatisticsSettingsValidator : IValidateOptions<StatisticsSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StatisticsSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Failures);
    }
}
