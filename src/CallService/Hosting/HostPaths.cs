namespace CallService.Hosting;

/// <summary>
/// Where relative paths in the configuration start: the app base directory (the folder that holds
/// CallService.dll, <see cref="AppContext.BaseDirectory"/>), which is also the host's content root.
/// It does not depend on the directory the service was started from (systemd, a shell, a test), so
/// "prompts", "callservice.db" and "logs/" always mean the same place. Absolute paths are kept as given.
/// </summary>
public static class HostPaths
{
    /// <summary>The app base directory: relative paths in the configuration start here.</summary>
    public static string BaseDirectory { get; } = Path.GetFullPath(AppContext.BaseDirectory);

    /// <summary>
    /// <paramref name="path"/> made absolute against <paramref name="baseDirectory"/> (an absolute
    /// path is only normalised).
    /// </summary>
    public static string Resolve(string path, string baseDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        return Path.GetFullPath(path.Trim(), baseDirectory);
    }
}
