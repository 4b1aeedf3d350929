using CallService.Lines;
using CallService.Sip.Media;

namespace CallService.Engine;

/// <summary>A line's audio, loaded and encoded once at start and shared by all its calls: the greeting,
/// the hold audio and the ringback tone in the line's cadence.</summary>
public sealed record LineMedia(SalesLine Line, Prompt Greeting, Prompt HoldAudio, CadenceTone Ringback, Prompt CallbackOffer, Prompt CallbackConfirmation, Prompt NoAgent)
{
    /// <summary>The callback offer ("按1 回电, 按2 继续等待") and its confirmation, shared by all lines.</summary>
    public const string CallbackOfferFile = "callback-offer.wav";

    public const string CallbackConfirmationFile = "callback-confirm.wav";

    /// <summary>Played instead of the greeting when the line's agents are all offline: the desk will call back.</summary>
    public const string NoAgentFile = "no-agent.wav";

    /// <summary>Loads every line's prompts; one exception names every file that failed.</summary>
    public static IReadOnlyDictionary<string, LineMedia> LoadAll(IEnumerable<SalesLine> lines, string promptsDirectory)
    {
        var lineList = lines.ToList();
        var files = new Dictionary<string, string>();
        foreach (var line in lineList)
        {
            files.TryAdd(line.GreetingPrompt, Path.GetFullPath(Path.Combine(promptsDirectory, line.GreetingPrompt)));
            files.TryAdd(line.HoldAudio, Path.GetFullPath(Path.Combine(promptsDirectory, line.HoldAudio)));
        }
        files.TryAdd(CallbackOfferFile, Path.GetFullPath(Path.Combine(promptsDirectory, CallbackOfferFile)));
        files.TryAdd(CallbackConfirmationFile, Path.GetFullPath(Path.Combine(promptsDirectory, CallbackConfirmationFile)));
        files.TryAdd(NoAgentFile, Path.GetFullPath(Path.Combine(promptsDirectory, NoAgentFile)));
        var library = PromptLibrary.Load(files);
        var result = new Dictionary<string, LineMedia>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lineList)
        {
            var cadence = new ToneCadence(line.Cadence.Name ?? "custom", line.Cadence.ToneFrequenciesHz.Select(f => (double)f).ToArray(), line.Cadence.OnOffMs.ToArray());
            result[line.Number] = new LineMedia(line, library[line.GreetingPrompt], library[line.HoldAudio], new CadenceTone(cadence),
                library[CallbackOfferFile], library[CallbackConfirmationFile], library[NoAgentFile]);
        }
        return result;
    }
}
