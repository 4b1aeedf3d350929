namespace CallService.Tests.Support;

/// <summary>Finds the real peers' executables. They are installed by scripts/test.sh; a test that
/// needs a missing one fails with the install command rather than passing silently.</summary>
public static class Peers
{
    public static string Require(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : throw Missing(name);
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw Missing(name);
    }

    private static InvalidOperationException Missing(string name) =>
        new($"'{name}' is not installed. Run ./scripts/test.sh, which installs the test peers (sip-tester, baresip-core, kamailio, sox, espeak-ng) with apt-get.");

    /// <summary>The repository root (where CallService.sln is), for samples and config.</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CallService.sln")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("CallService.sln not found above the test binaries.");
        }
    }
}
