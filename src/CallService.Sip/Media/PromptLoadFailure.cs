namespace CallService.Sip.Media;

/// <summary>One prompt that could not be loaded: which, from which file, why.</summary>
public sealed record PromptLoadFailure(string PromptName, string FilePath, PromptLoadFailureReason Reason, string Detail)
{
    public override string ToString() => $"prompt '{PromptName}' from '{FilePath}': {Describe(Reason)} ({Detail})";

    private static string Describe(PromptLoadFailureReason reason) => reason switch
    {
        PromptLoadFailureReason.FileNotFound => "file not found",
        PromptLoadFailureReason.Unreadable => "file cannot be read",
        PromptLoadFailureReason.InvalidWave => "not a valid WAV file",
        PromptLoadFailureReason.UnsupportedFormat => "unsupported WAV encoding (use PCM 8/16/24/32-bit, 32-bit float, or G.711)",
        PromptLoadFailureReason.NoAudio => "the file holds no audio",
        _ => reason.ToString(),
    };
}
