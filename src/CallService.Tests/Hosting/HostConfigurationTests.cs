using CallService.Hosting;
using Microsoft.Extensions.Configuration;

namespace CallService.Tests.Hosting;

/// <summary>Environment variables with the CallService__ prefix, the command line winning, and log paths.</summary>
public sealed class HostConfigurationTests
{
    [Fact]
    public void Only_prefixed_variables_count_and_the_command_line_still_wins()
    {
        // Names unique to this test, so parallel tests are not disturbed.
        string id = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable($"CallService__Probe{id}__Prefixed", "env");
        Environment.SetEnvironmentVariable($"CallService__Probe{id}__Both", "env");
        Environment.SetEnvironmentVariable($"Probe{id}__Unprefixed", "env");
        try
        {
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"Probe{id}:Both"] = "json" });
            configuration.AddEnvironmentVariables();
            configuration.AddCommandLine([$"--Probe{id}:Both=command-line"]);

            HostConfiguration.UsePrefixedEnvironmentVariables(configuration);

            Assert.Equal("env", configuration[$"Probe{id}:Prefixed"]);
            Assert.Null(configuration[$"Probe{id}:Unprefixed"]);
            Assert.Equal("command-line", configuration[$"Probe{id}:Both"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"CallService__Probe{id}__Prefixed", null);
            Environment.SetEnvironmentVariable($"CallService__Probe{id}__Both", null);
            Environment.SetEnvironmentVariable($"Probe{id}__Unprefixed", null);
        }
    }

    [Fact]
    public void Without_an_unprefixed_source_the_prefixed_one_goes_before_the_command_line()
    {
        string id = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable($"CallService__Probe{id}__Key", "env");
        try
        {
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"Probe{id}:Key"] = "json", [$"Probe{id}:Other"] = "json" });
            configuration.AddCommandLine([$"--Probe{id}:Other=command-line"]);

            HostConfiguration.UsePrefixedEnvironmentVariables(configuration);

            Assert.Equal("env", configuration[$"Probe{id}:Key"]);
            Assert.Equal("command-line", configuration[$"Probe{id}:Other"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"CallService__Probe{id}__Key", null);
        }
    }

    [Fact]
    public void Relative_log_paths_start_at_the_base_directory()
    {
        using var root = new HostTempDirectory(withPrompts: false);
        string absolute = root.Combine("abs", "x-.log");
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:0:Name"] = "Console",
            ["Serilog:WriteTo:1:Name"] = "File",
            ["Serilog:WriteTo:1:Args:path"] = "logs/callservice-.log",
            ["Serilog:WriteTo:2:Name"] = "Async",
            ["Serilog:WriteTo:2:Args:configure:0:Name"] = "File",
            ["Serilog:WriteTo:2:Args:configure:0:Args:path"] = absolute,
        });

        HostConfiguration.ResolveLogPaths(configuration, root.Path);

        Assert.Equal(root.Combine("logs", "callservice-.log"), configuration["Serilog:WriteTo:1:Args:path"]);
        Assert.Equal(absolute, configuration["Serilog:WriteTo:2:Args:configure:0:Args:path"]);
        Assert.Equal("Console", configuration["Serilog:WriteTo:0:Name"]);
    }
}
