namespace CallService.Hosting;

/// <summary>How a command's host logs.</summary>
public enum HostLogging
{
    /// <summary>The service (run, demo): Serilog from the "Serilog" section (console and rolling files).</summary>
    Service,

    /// <summary>
    /// A tool command (calls): warnings and errors only, to stderr, so that stdout carries nothing
    /// but the command's output (e.g. JSON for a pipe).
    /// </summary>
    Tool,
}
