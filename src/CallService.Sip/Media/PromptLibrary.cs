using System.Diagnostics.CodeAnalysis;

namespace CallService.Sip.Media;

/// <summary>
/// The prompts of the service by name, loaded and encoded once at start-up. Loading reports every
/// missing or unreadable file at once so the service refuses to start with the whole list.
/// </summary>
public sealed class PromptLibrary
{
    private readonly Dictionary<string, Prompt> _prompts;

    public PromptLibrary(IEnumerable<Prompt> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        _prompts = new Dictionary<string, Prompt>(StringComparer.Ordinal);
        foreach (var prompt in prompts)
        {
            if (!_prompts.TryAdd(prompt.Name, prompt))
            {
                throw new ArgumentException($"Two prompts are named '{prompt.Name}'.", nameof(prompts));
            }
        }
    }

    public int Count => _prompts.Count;

    public IEnumerable<string> Names => _prompts.Keys;

    /// <summary>The prompt named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> if unknown.</summary>
    public Prompt this[string name] => _prompts.TryGetValue(name, out var prompt)
        ? prompt
        : throw new KeyNotFoundException($"No prompt is named '{name}'.");

    public bool TryGet(string name, [NotNullWhen(true)] out Prompt? prompt) => _prompts.TryGetValue(name, out prompt);

    /// <summary>
    /// Loads every (name, WAV path) pair. Throws <see cref="PromptLoadException"/> listing all the
    /// prompts that failed, with their files and reasons, if any did.
    /// </summary>
    public static PromptLibrary Load(IEnumerable<KeyValuePair<string, string>> namesToFiles)
    {
        ArgumentNullException.ThrowIfNull(namesToFiles);
        var prompts = new List<Prompt>();
        var failures = new List<PromptLoadFailure>();
        foreach (var (name, file) in namesToFiles)
        {
            if (Prompt.TryLoad(name, file, out var prompt, out var failure))
            {
                prompts.Add(prompt);
            }
            else
            {
                failures.Add(failure);
            }
        }

        if (failures.Count > 0)
        {
            throw new PromptLoadException(failures);
        }

        return new PromptLibrary(prompts);
    }
}
