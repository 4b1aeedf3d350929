using CallService.Hosting;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;

namespace CallService.Tests.Hosting;

/// <summary>
/// config/appsettings.json as shipped (copied next to the product, and so into this test's output):
/// it parses with its comments, holds the documented defaults, and its Serilog section works, also
/// switched to compact JSON as docs/configuration.md says.
/// </summary>
public sealed class AppSettingsFileTests
{
    private static readonly string ShippedFile = Path.Combine(AppContext.BaseDirectory, "appsettings.json");

    private static IConfigurationRoot Shipped(params (string Key, string? Value)[] overrides) =>
        new ConfigurationBuilder()
            .AddJsonFile(ShippedFile, optional: false)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();

    [Fact]
    public void The_shipped_file_holds_the_documented_defaults()
    {
        IConfigurationRoot configuration = Shipped();

        Assert.Equal("0.0.0.0", configuration["Sip:Address"]);
        Assert.Equal("5060", configuration["Sip:Port"]);
        Assert.Equal("udp,tcp", configuration["Sip:Transports"]);
        Assert.Equal("20000", configuration["Sip:RtpPortMin"]);
        Assert.Equal("29999", configuration["Sip:RtpPortMax"]);
        Assert.Equal("500", configuration["Sip:T1Ms"]);
        Assert.Equal("http://0.0.0.0:8080", configuration["Web:Urls"]);
        Assert.Empty(configuration.GetSection("Web:Users").GetChildren());
        Assert.Equal("auto", configuration["Web:Language"]);
        Assert.Equal("5", configuration["Web:MaxFailedSignIns"]);
        Assert.Equal("15", configuration["Web:LockoutMinutes"]);
        Assert.Equal("480", configuration["Web:SessionMinutes"]);
        Assert.Equal("", configuration["Web:MetricsToken"]);
        Assert.Equal("sqlite", configuration["Storage:Provider"]);
        Assert.Equal("Data Source=callservice.db", configuration["Storage:ConnectionString"]);
        Assert.Equal("prompts", configuration["Prompts:Directory"]);
        Assert.Equal("sales", configuration["Lines:0:Number"]);
        Assert.Equal("海逸长洲", configuration["Lines:0:DisplayName"]);
        Assert.Equal("front-desk", configuration["Lines:0:Desk"]);
        Assert.Equal("greeting.wav", configuration["Lines:0:GreetingPrompt"]);
        Assert.Equal("您好,海逸长洲!", configuration["Lines:0:GreetingScript"]);
        Assert.Equal("hold-music.wav", configuration["Lines:0:HoldAudio"]);
        Assert.Equal("cn", configuration["Lines:0:Cadence"]);
        Assert.Equal("2", configuration["Lines:0:TargetRings"]);
        Assert.Equal("2", configuration["Lines:0:AutoAnswerAfterRings"]);
        Assert.Equal("30", configuration["Lines:0:LookupCallbackSeconds"]);
        Assert.Equal("logs/callservice-.log", configuration["Serilog:WriteTo:1:Args:path"]);
        Assert.Equal("Day", configuration["Serilog:WriteTo:1:Args:rollingInterval"]);
        Assert.Equal("14", configuration["Serilog:WriteTo:1:Args:retainedFileCountLimit"]);
    }

    [Fact]
    public void The_shipped_file_passes_the_start_up_check_with_the_shipped_prompts()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddTelephony(Shipped());
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        Assert.Empty(StartupCheck.Run(provider));
    }

    [Fact]
    public void The_file_sink_writes_text_by_default()
    {
        using var root = new HostTempDirectory(withPrompts: false);

        string line = WriteOneEvent(root, formatter: null);

        Assert.Contains("[INF] Call from 8001 answered in 1.4 rings", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_sink_writes_compact_json_with_the_documented_formatter()
    {
        using var root = new HostTempDirectory(withPrompts: false);

        string line = WriteOneEvent(root, "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact");

        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("Call from {Caller} answered in {Rings} rings", json.RootElement.GetProperty("@mt").GetString());
        Assert.Equal("8001", json.RootElement.GetProperty("Caller").GetString());
        Assert.Equal("A1", json.RootElement.GetProperty("CallId").GetString());
        Assert.True(json.RootElement.TryGetProperty("@t", out _));
    }

    private static string WriteOneEvent(HostTempDirectory root, string? formatter)
    {
        var configuration = new ConfigurationManager();
        configuration.AddConfiguration(formatter is null ? Shipped() : Shipped(("Serilog:WriteTo:1:Args:formatter", formatter)));
        HostConfiguration.ResolveLogPaths(configuration, root.Path);
        // Only the file sink, so the test's console stays quiet.
        configuration["Serilog:WriteTo:0:Name"] = "File";
        configuration["Serilog:WriteTo:0:Args:path"] = root.Combine("unused", "console-.log");

        using (Logger logger = new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger())
        using (Serilog.Context.LogContext.PushProperty("CallId", "A1"))
        {
            logger.Information("Call from {Caller} answered in {Rings} rings", "8001", 1.4);
        }

        string file = Assert.Single(Directory.GetFiles(root.Combine("logs"), "callservice-*.log"));
        return Assert.Single(File.ReadAllLines(file));
    }
}
