using CallService.Lines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CallService.Hosting;

/// <summary>Registers the host's typed options (Sip, Web, Storage, Prompts), each checked at start.</summary>
public static class ServiceOptionsRegistration
{
    /// <summary>
    /// Binds <see cref="SipOptions"/>, <see cref="WebOptions"/>, <see cref="StorageOptions"/> and
    /// <see cref="PromptsOptions"/> from <paramref name="configuration"/> and validates them at start
    /// (ValidateOnStart), together with <see cref="LinePromptFilesValidator"/> for the lines' prompt
    /// files. Relative paths are made absolute against <paramref name="baseDirectory"/>
    /// (default <see cref="HostPaths.BaseDirectory"/>).
    /// </summary>
    public static IServiceCollection AddServiceOptions(this IServiceCollection services, IConfiguration configuration, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        string root = baseDirectory ?? HostPaths.BaseDirectory;

        services.AddOptions<SipOptions>().Configure(o => ServiceOptionsBinder.Bind(configuration, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipOptions>, SipOptionsValidator>());

        services.AddOptions<WebOptions>().Configure(o => ServiceOptionsBinder.Bind(configuration, o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebOptions>, WebOptionsValidator>());

        services.AddOptions<StorageOptions>().Configure(o => ServiceOptionsBinder.Bind(configuration, o, root)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.AddOptions<PromptsOptions>().Configure(o => ServiceOptionsBinder.Bind(configuration, o, root)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PromptsOptions>, PromptsOptionsValidator>());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinesOptions>, LinePromptFilesValidator>());
        return services;
    }
}
