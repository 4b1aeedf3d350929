using CallService.Hosting;

namespace CallService.Tests.Hosting;

/// <summary>The "Prompts" section and the lines' prompt files.</summary>
public sealed class PromptsOptionsTests
{
    [Fact]
    public void The_directory_is_resolved_against_the_base_directory_and_files_against_it()
    {
        using var root = new HostTempDirectory();

        PromptsOptions prompts = HostOptionsHarness.Options<PromptsOptions>(root);

        Assert.Equal(root.Combine("prompts"), prompts.Directory);
        Assert.Equal(root.Combine("prompts", "greeting.wav"), prompts.Resolve("greeting.wav"));
        Assert.Equal(root.Combine("elsewhere.wav"), prompts.Resolve(root.Combine("elsewhere.wav")));
    }

    [Fact]
    public void A_missing_directory_is_one_line_and_the_files_in_it_are_not_reported_again()
    {
        using var root = new HostTempDirectory(withPrompts: false);

        string failure = Assert.Single(HostOptionsHarness.Failures(root));

        Assert.StartsWith($"Prompts:Directory: the folder {root.Combine("prompts")} does not exist", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_prompt_file_names_the_line_key()
    {
        using var root = new HostTempDirectory();
        File.Delete(root.Combine("prompts", "hold-music.wav"));

        Assert.Equal(
            [$"Lines:0:HoldAudio = \"hold-music.wav\": file not found: {root.Combine("prompts", "hold-music.wav")} (names are relative to Prompts:Directory)"],
            HostOptionsHarness.Failures(root));
    }

    [Fact]
    public void A_prompt_path_the_lines_validator_refuses_is_reported_once()
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = HostOptionsHarness.Failures(root, ("Lines:0:GreetingPrompt", "greeting.mp3"));

        string failure = Assert.Single(failures);
        Assert.StartsWith("Lines:0:GreetingPrompt = \"greeting.mp3\": must be a .wav file path", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Prompt_files_may_be_absolute()
    {
        using var root = new HostTempDirectory();
        File.Move(root.Combine("prompts", "greeting.wav"), root.Combine("greeting.wav"));

        Assert.Empty(HostOptionsHarness.Failures(root, ("Lines:0:GreetingPrompt", root.Combine("greeting.wav"))));
    }
}
