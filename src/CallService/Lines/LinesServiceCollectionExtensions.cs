using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CallService.Lines;

/// <summary>Registers the sales lines: options bound from "Lines", checked at start, and the directory.</summary>
public static class LinesServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LinesOptions"/> from the "Lines" array of <paramref name="configuration"/>,
    /// validates them at start (a bad line stops the host with one message line per failure) and adds
    /// <see cref="SalesLineDirectory"/>.
    /// </summary>
    public static OptionsBuilder<LinesOptions> AddSalesLines(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinesOptions>, LinesOptionsValidator>());
        services.TryAddSingleton(provider => new SalesLineDirectory(provider.GetRequiredService<IOptions<LinesOptions>>()));
        return services.AddOptions<LinesOptions>()
            .Configure(options =>
            {
                // Each element is bound on its own so that its real path ("Lines:3") is kept for messages.
                foreach (IConfigurationSection child in configuration.GetSection(LinesOptions.SectionName).GetChildren())
                {
                    var line = new LineOptions();
                    child.Bind(line);
                    options.Lines.Add(line);
                    options.Paths.Add(child.Path);
                }
            })
            .ValidateOnStart();
    }
}
