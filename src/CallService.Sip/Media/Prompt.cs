using System.Diagnostics.CodeAnalysis;

namespace CallService.Sip.Media;

/// <summary>
/// A recorded announcement loaded once at start-up: mixed to mono, resampled to 8 kHz and 16 kHz,
/// and encoded into 20 ms frames for each codec (the last frame padded with silence). Immutable and
/// shared by every call; each call plays it through its own <see cref="PromptSource"/>.
/// </summary>
public sealed class Prompt
{
    private readonly short[] _pcm8k;
    private readonly short[] _pcm16k;
    private readonly EncodedFrames _pcmu;
    private readonly EncodedFrames _pcma;
    private readonly EncodedFrames _g722;

    private Prompt(string name, string? filePath, short[] pcm8k, short[] pcm16k)
    {
        Name = name;
        FilePath = filePath;
        _pcm8k = pcm8k;
        _pcm16k = pcm16k;
        _pcmu = EncodedFrames.Encode(new PcmuEncoder(), pcm8k);
        _pcma = EncodedFrames.Encode(new PcmaEncoder(), pcm8k);
        _g722 = EncodedFrames.Encode(SilenceFrames.CreateSettledEncoder(AudioCodec.G722), pcm16k);
    }

    public string Name { get; }

    /// <summary>The file the prompt came from, or null when it was built in memory.</summary>
    public string? FilePath { get; }

    /// <summary>The length of the audio itself (before padding to whole frames).</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(_pcm8k.Length / 8000.0);

    /// <summary>The 20 ms frames it takes to play (the same for every codec).</summary>
    public int FrameCount => _pcmu.FrameCount;

    /// <summary>The mono PCM at 8 kHz (the reference for PCMU/PCMA).</summary>
    public ReadOnlyMemory<short> Pcm8k => _pcm8k;

    /// <summary>The mono PCM at 16 kHz (the reference for G.722); exactly twice as long as <see cref="Pcm8k"/>.</summary>
    public ReadOnlyMemory<short> Pcm16k => _pcm16k;

    /// <summary>The PCM at the sample rate of <paramref name="codec"/>.</summary>
    public ReadOnlyMemory<short> PcmFor(AudioCodecKind codec) => AudioCodec.Get(codec).SampleRate == 16000 ? _pcm16k : _pcm8k;

    /// <summary>The shared encoded frames for <paramref name="codec"/>.</summary>
    public EncodedFrames GetFrames(AudioCodecKind codec) => codec switch
    {
        AudioCodecKind.Pcmu => _pcmu,
        AudioCodecKind.Pcma => _pcma,
        AudioCodecKind.G722 => _g722,
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown audio codec."),
    };

    /// <summary>A new player of this prompt for one stream (its own position, the shared frames).</summary>
    public PromptSource CreateSource(AudioCodecKind codec, bool loop = false) => new(this, codec, loop);

    /// <summary>Loads a WAV file; throws <see cref="PromptLoadException"/> naming the file on failure.</summary>
    public static Prompt Load(string name, string filePath)
    {
        if (TryLoad(name, filePath, out var prompt, out var failure))
        {
            return prompt;
        }

        throw new PromptLoadException([failure]);
    }

    /// <summary>Loads a WAV file; on failure returns false and says which file failed and why.</summary>
    public static bool TryLoad(string name, string filePath, [NotNullWhen(true)] out Prompt? prompt, [NotNullWhen(false)] out PromptLoadFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(filePath);
        prompt = null;
        FileStream stream;
        try
        {
            stream = File.OpenRead(filePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            failure = new PromptLoadFailure(name, filePath, PromptLoadFailureReason.FileNotFound, e.Message);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            failure = new PromptLoadFailure(name, filePath, PromptLoadFailureReason.Unreadable, e.Message);
            return false;
        }

        using (stream)
        {
            return TryRead(name, filePath, stream, out prompt, out failure);
        }
    }

    /// <summary>Reads a WAV image from <paramref name="wav"/> (not disposed); throws <see cref="PromptLoadException"/> on failure.</summary>
    public static Prompt FromStream(string name, Stream wav)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(wav);
        if (TryRead(name, null, wav, out var prompt, out var failure))
        {
            return prompt;
        }

        throw new PromptLoadException([failure]);
    }

    /// <summary>
    /// Builds a prompt from mono samples normalised to -1..1 at <paramref name="sampleRate"/> (tools,
    /// tests, generated announcements).
    /// </summary>
    public static Prompt FromSamples(string name, ReadOnlySpan<float> mono, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        return Create(name, null, mono.ToArray(), sampleRate);
    }

    private static bool TryRead(string name, string? filePath, Stream wav, [NotNullWhen(true)] out Prompt? prompt, [NotNullWhen(false)] out PromptLoadFailure? failure)
    {
        if (!WaveFileAudio.TryRead(wav, out var audio, out var reason, out var detail))
        {
            prompt = null;
            failure = new PromptLoadFailure(name, filePath ?? "(stream)", reason, detail);
            return false;
        }

        prompt = Create(name, filePath, audio.Samples, audio.SampleRate);
        failure = null;
        return true;
    }

    private static Prompt Create(string name, string? filePath, float[] mono, int sampleRate)
    {
        // One length in 8 kHz samples fixes the duration; the 16 kHz copy is exactly twice as long
        // so every codec plays the same number of frames.
        var length8k = (int)Math.Round(mono.LongLength * 8000.0 / sampleRate);
        var pcm8k = PromptResampling.To16Bit(mono, sampleRate, 8000, length8k);
        var pcm16k = PromptResampling.To16Bit(mono, sampleRate, 16000, length8k * 2);
        return new Prompt(name, filePath, pcm8k, pcm16k);
    }
}
