namespace CallService.Hosting;

/// <summary>
/// Where the recorded prompts (greeting, hold music, callback offer) are; the "Prompts" section.
/// A line's GreetingPrompt and HoldAudio are file names in this directory (or absolute paths).
/// </summary>
public sealed class PromptsOptions
{
    /// <summary>The configuration section: "Prompts".</summary>
    public const string SectionName = "Prompts";

    /// <summary>The default of <see cref="Directory"/>: "prompts", next to the executable.</summary>
    public const string DefaultDirectory = "prompts";

    /// <summary>
    /// The prompts directory. Configured relative to the app base directory (default "prompts");
    /// absolute once the section has been read (see <see cref="HostPaths"/>).
    /// </summary>
    public string Directory { get; set; } = DefaultDirectory;

    /// <summary>Values that could not be read from configuration, one line each.</summary>
    internal List<string> BindingFailures { get; } = [];

    /// <summary>The full path of a prompt file named in the configuration ("greeting.wav"); an absolute name is kept.</summary>
    public string Resolve(string file) => HostPaths.Resolve(file, Directory);
}
