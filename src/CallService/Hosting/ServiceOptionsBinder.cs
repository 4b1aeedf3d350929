using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CallService.Hosting;

/// <summary>
/// Reads the Sip, Web, Storage and Prompts sections into their options (by hand, see
/// <see cref="SectionReader"/>) and makes relative paths absolute against the base directory.
/// </summary>
internal static class ServiceOptionsBinder
{
    public static void Bind(IConfiguration configuration, SipOptions options)
    {
        var reader = new SectionReader(configuration.GetSection(SipOptions.SectionName));
        options.Address = reader.String(nameof(SipOptions.Address), options.Address);
        options.Port = reader.Int(nameof(SipOptions.Port), options.Port, "a port between 1 and 65535");
        string? advertised = reader.OptionalString(nameof(SipOptions.AdvertisedAddress));
        if (advertised is not null)
        {
            options.AdvertisedAddress = advertised;
        }
        options.Transports = reader.String(nameof(SipOptions.Transports), options.Transports);
        options.RtpPortMin = reader.Int(nameof(SipOptions.RtpPortMin), options.RtpPortMin, "an even port, e.g. 20000");
        options.RtpPortMax = reader.Int(nameof(SipOptions.RtpPortMax), options.RtpPortMax, "a port, e.g. 29999");
        options.T1Ms = reader.Int(nameof(SipOptions.T1Ms), options.T1Ms, "milliseconds, e.g. 500");
        options.Realm = reader.String(nameof(SipOptions.Realm), options.Realm);
        options.TimedAnswers = reader.Bool(nameof(SipOptions.TimedAnswers), options.TimedAnswers);
        Finish(reader, options.BindingFailures);
    }

    public static void Bind(IConfiguration configuration, WebOptions options)
    {
        var reader = new SectionReader(configuration.GetSection(WebOptions.SectionName));
        options.Urls = reader.String(nameof(WebOptions.Urls), options.Urls);
        // The sign-in keys of the section are read (and checked) by WebAuthOptionsBinder.
        foreach (string key in Web.Auth.WebAuthOptions.Keys)
        {
            _ = reader.OptionalString(key);
        }
        Finish(reader, options.BindingFailures);
    }

    public static void Bind(IConfiguration configuration, StorageOptions options, string baseDirectory)
    {
        var reader = new SectionReader(configuration.GetSection(StorageOptions.SectionName));
        options.Provider = reader.String(nameof(StorageOptions.Provider), options.Provider);
        options.ConnectionString = reader.String(nameof(StorageOptions.ConnectionString), options.ConnectionString);
        // Not configured: the machine name and this node's SIP port (an unreadable port is the Sip
        // section's failure to report; the default port stands in meanwhile).
        options.NodeId = reader.OptionalString(nameof(StorageOptions.NodeId))
            ?? Records.PostgresCallRecordStore.DefaultNodeId(
                int.TryParse(configuration[$"{SipOptions.SectionName}:{nameof(SipOptions.Port)}"], NumberStyles.None, CultureInfo.InvariantCulture, out int sipPort)
                    ? sipPort
                    : new SipOptions().Port);
        if (StorageProviders.TryParse(options.Provider, out StorageProvider provider) && provider == StorageProvider.Sqlite)
        {
            options.ConnectionString = StorageOptions.ResolveSqliteConnectionString(options.ConnectionString, baseDirectory);
        }
        Finish(reader, options.BindingFailures);
    }

    public static void Bind(IConfiguration configuration, PromptsOptions options, string baseDirectory)
    {
        var reader = new SectionReader(configuration.GetSection(PromptsOptions.SectionName));
        options.Directory = reader.String(nameof(PromptsOptions.Directory), options.Directory);
        if (!string.IsNullOrWhiteSpace(options.Directory))
        {
            options.Directory = HostPaths.Resolve(options.Directory, baseDirectory);
        }
        Finish(reader, options.BindingFailures);
    }

    private static void Finish(SectionReader reader, List<string> failures)
    {
        reader.RejectUnknownKeys();
        failures.AddRange(reader.Failures);
    }
}
