using CallService.Sip.Media;

namespace CallService.Engine;

/// <summary>
/// What an agent hears when a click-to-call callback reaches them ("回电:王先生"). The service has no speech
/// synthesis at run time, so the whisper is joined from recorded pieces: callback-whisper.wav ("回电"),
/// then whisper-&lt;surname&gt;.wav and whisper-&lt;honorific&gt;.wav when the desk recorded them and both
/// pieces exist (samples/prompts/make-prompts.sh records the common surnames, 先生 and 女士); otherwise
/// the fixed "回电" alone. Joined whispers are made once per name and kept.
/// </summary>
internal sealed class WhisperPrompts
{
    public const string FixedFile = "callback-whisper.wav";
    private const string PieceFilePrefix = "whisper-";

    private readonly Prompt _fixed;
    private readonly IReadOnlyDictionary<string, Prompt> _pieces;
    private readonly Dictionary<string, Prompt> _joined = new(StringComparer.Ordinal);

    private WhisperPrompts(Prompt fixedPrompt, IReadOnlyDictionary<string, Prompt> pieces)
    {
        _fixed = fixedPrompt;
        _pieces = pieces;
    }

    /// <summary>Number of surname and honorific pieces found.</summary>
    public int PieceCount => _pieces.Count;

    /// <summary>Loads the fixed whisper and every whisper-*.wav of <paramref name="directory"/>; null when the fixed one is missing.</summary>
    public static WhisperPrompts? Load(string directory)
    {
        string fixedPath = Path.Combine(directory, FixedFile);
        if (!File.Exists(fixedPath))
        {
            return null;
        }
        var pieces = new Dictionary<string, Prompt>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(directory, PieceFilePrefix + "*.wav"))
        {
            string key = Path.GetFileNameWithoutExtension(file)[PieceFilePrefix.Length..];
            if (Prompt.TryLoad(key, file, out Prompt? piece, out _))
            {
                pieces[key] = piece;
            }
        }
        return new WhisperPrompts(Prompt.Load("callback-whisper", fixedPath), pieces);
    }

    /// <summary>"回电" + surname + honorific when both are known and recorded, else "回电".</summary>
    public Prompt For(string? surname, string? honorific)
    {
        surname = surname?.Trim();
        honorific = honorific?.Trim();
        if (string.IsNullOrEmpty(surname) || string.IsNullOrEmpty(honorific)
            || !_pieces.TryGetValue(surname, out Prompt? name) || !_pieces.TryGetValue(honorific, out Prompt? title))
        {
            return _fixed;
        }
        string key = surname + honorific;
        lock (_joined)
        {
            if (!_joined.TryGetValue(key, out Prompt? joined))
            {
                joined = Join(key, [_fixed, name, title]);
                _joined[key] = joined;
            }
            return joined;
        }
    }

    /// <summary>The pieces one after another, at 16 kHz (every prompt keeps a 16 kHz copy).</summary>
    private static Prompt Join(string name, IReadOnlyList<Prompt> pieces)
    {
        var samples = new float[pieces.Sum(p => p.Pcm16k.Length)];
        int at = 0;
        foreach (Prompt piece in pieces)
        {
            foreach (short s in piece.Pcm16k.Span)
            {
                samples[at++] = s / 32768f;
            }
        }
        return Prompt.FromSamples("callback-whisper-" + name, samples, 16000);
    }
}
