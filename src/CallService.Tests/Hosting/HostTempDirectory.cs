namespace CallService.Tests.Hosting;

/// <summary>
/// A private base directory for host tests, removed at the end: by default with a "prompts" folder
/// holding the two files the default line names.
/// </summary>
internal sealed class HostTempDirectory : IDisposable
{
    public HostTempDirectory(bool withPrompts = true)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "callservice-host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (withPrompts)
        {
            Directory.CreateDirectory(Combine("prompts"));
            File.WriteAllBytes(Combine("prompts", "greeting.wav"), [0]);
            File.WriteAllBytes(Combine("prompts", "hold-music.wav"), [0]);
        }
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not fail a test.
        }
    }
}
