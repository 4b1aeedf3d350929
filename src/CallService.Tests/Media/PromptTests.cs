using CallService.Sip.Media;
using NAudio.Codecs;
using NAudio.Wave;

namespace CallService.Tests.Media;

public sealed class PromptTests : IDisposable
{
    // 1.23 s = 9840 samples at 8 kHz = 61.5 frames: 62 frames, the last one half padding.
    private const double Seconds = 1.23;
    private const int ExpectedFrames = 62;
    private const int Samples8k = 9840;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(8000, 16, 1, false, false)]
    [InlineData(44100, 16, 2, false, false)]
    [InlineData(48000, 32, 1, true, false)]
    [InlineData(48000, 32, 2, true, false)]
    [InlineData(22050, 8, 1, false, false)]
    [InlineData(16000, 24, 1, false, false)]
    [InlineData(32000, 32, 2, false, false)]
    [InlineData(48000, 24, 2, false, true)]
    public void A_WAV_of_any_rate_depth_and_channel_count_loads_to_the_right_duration_and_frames(int rate, int bits, int channels, bool isFloat, bool extensible)
    {
        var path = _dir.File($"tone-{rate}-{bits}-{channels}-{isFloat}-{extensible}.wav");
        var frames = (int)Math.Round(Seconds * rate);
        TestSignals.WriteWav(path, rate, channels, bits, isFloat, frames, (f, _) => 0.5 * Math.Sin(2 * Math.PI * 1000 * f / rate), extensible);

        var prompt = Prompt.Load("greeting", path);

        Assert.Equal("greeting", prompt.Name);
        Assert.Equal(path, prompt.FilePath);
        Assert.Equal(Seconds, prompt.Duration.TotalSeconds, 3);
        Assert.Equal(ExpectedFrames, prompt.FrameCount);
        Assert.Equal(Samples8k, prompt.Pcm8k.Length);
        Assert.Equal(2 * Samples8k, prompt.Pcm16k.Length);
        foreach (var codec in new[] { AudioCodecKind.Pcmu, AudioCodecKind.Pcma, AudioCodecKind.G722 })
        {
            var encoded = prompt.GetFrames(codec);
            Assert.Equal(ExpectedFrames, encoded.FrameCount);
            Assert.Equal(ExpectedFrames * 160, encoded.Payload.Length);

            // What a caller decodes is the 1 kHz tone at half scale (16384).
            var sampleRate = AudioCodec.Get(codec).SampleRate;
            var heard = AudioMatch.Decode(codec, encoded.Payload.Span);
            var steady = heard.AsSpan(sampleRate / 10, sampleRate);
            Assert.Equal(1000, ToneAnalysis.DominantFrequency(steady, sampleRate, 300, 3500, stepHz: 10));
            Assert.InRange(ToneAnalysis.GoertzelAmplitude(steady, sampleRate, 1000), 16384 * 0.9, 16384 * 1.1);
        }
    }

    [Fact]
    public void The_last_frame_is_padded_with_silence()
    {
        var path = _dir.File("tone.wav");
        TestSignals.WriteWav(path, 8000, 1, 16, false, Samples8k, (f, _) => 0.5 * Math.Sin(2 * Math.PI * 1000 * f / 8000));

        var prompt = Prompt.Load("tone", path);

        var last = prompt.GetFrames(AudioCodecKind.Pcmu)[ExpectedFrames - 1];
        Assert.Contains(last[..80].ToArray(), b => b != 0xFF);
        Assert.All(last[80..].ToArray(), b => Assert.Equal(0xFF, b));
        Assert.All(prompt.GetFrames(AudioCodecKind.Pcma)[ExpectedFrames - 1][80..].ToArray(), b => Assert.Equal(0xD5, b));
    }

    [Fact]
    public void Stereo_is_mixed_to_mono_by_averaging_the_channels()
    {
        var path = _dir.File("left-only.wav");
        TestSignals.WriteWav(path, 44100, 2, 16, false, 44100, (f, c) => c == 0 ? 0.5 * Math.Sin(2 * Math.PI * 1000 * f / 44100) : 0);

        var prompt = Prompt.Load("left", path);

        var steady = prompt.Pcm8k.Span[800..7200];
        Assert.InRange(ToneAnalysis.GoertzelAmplitude(steady, 8000, 1000), 8192 * 0.95, 8192 * 1.05);
    }

    [Fact]
    public void A_G711_mu_law_WAV_loads()
    {
        var path = _dir.File("mulaw.wav");
        var pcm = TestSignals.Sine(8000, 1000, 8000, amplitude: 16000);
        TestSignals.WriteRawWav(path, WaveFormat.CreateMuLawFormat(8000, 1), pcm.Select(MuLawEncoder.LinearToMuLawSample).ToArray());

        var prompt = Prompt.Load("mulaw", path);

        Assert.Equal(50, prompt.FrameCount);
        Assert.InRange(ToneAnalysis.GoertzelAmplitude(prompt.Pcm8k.Span[800..7200], 8000, 1000), 15000, 17000);
    }

    [Fact]
    public void A_missing_file_names_the_prompt_and_the_file()
    {
        var path = _dir.File("no-such-greeting.wav");

        var e = Assert.Throws<PromptLoadException>(() => Prompt.Load("greeting", path));

        var failure = Assert.Single(e.Failures);
        Assert.Equal(PromptLoadFailureReason.FileNotFound, failure.Reason);
        Assert.Equal("greeting", failure.PromptName);
        Assert.Equal(path, failure.FilePath);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("'greeting'", e.Message, StringComparison.Ordinal);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_WAV_is_refused_as_invalid()
    {
        var path = _dir.File("greeting.wav");
        var junk = new byte[2000];
        new Random(1).NextBytes(junk);
        File.WriteAllBytes(path, junk);

        Assert.False(Prompt.TryLoad("greeting", path, out var prompt, out var failure));

        Assert.Null(prompt);
        Assert.Equal(PromptLoadFailureReason.InvalidWave, failure.Reason);
        Assert.Equal(path, failure.FilePath);
    }

    [Fact]
    public void A_truncated_header_is_refused_as_invalid()
    {
        var path = _dir.File("cut.wav");
        File.WriteAllBytes(path, "RIFF"u8.ToArray());

        var e = Assert.Throws<PromptLoadException>(() => Prompt.Load("cut", path));
        Assert.Equal(PromptLoadFailureReason.InvalidWave, Assert.Single(e.Failures).Reason);
    }

    [Fact]
    public void An_encoding_we_cannot_read_is_refused_as_unsupported()
    {
        var path = _dir.File("adpcm.wav");
        TestSignals.WriteRawWav(path, WaveFormat.CreateCustomFormat(WaveFormatEncoding.DviAdpcm, 8000, 1, 4055, 256, 4), new byte[2048]);

        var e = Assert.Throws<PromptLoadException>(() => Prompt.Load("adpcm", path));
        Assert.Equal(PromptLoadFailureReason.UnsupportedFormat, Assert.Single(e.Failures).Reason);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_WAV_without_samples_is_refused()
    {
        var path = _dir.File("empty.wav");
        TestSignals.WriteRawWav(path, new WaveFormat(8000, 16, 1), []);

        var e = Assert.Throws<PromptLoadException>(() => Prompt.Load("empty", path));
        Assert.Equal(PromptLoadFailureReason.NoAudio, Assert.Single(e.Failures).Reason);
    }

    [Fact]
    public void A_directory_instead_of_a_file_is_refused()
    {
        Assert.False(Prompt.TryLoad("dir", _dir.Path, out _, out var failure));
        Assert.Contains(failure.Reason, new[] { PromptLoadFailureReason.Unreadable, PromptLoadFailureReason.FileNotFound });
    }

    [Fact]
    public void The_library_reports_every_failed_prompt_at_once()
    {
        var good = _dir.File("hold.wav");
        TestSignals.WriteWav(good, 8000, 1, 16, false, 8000, (f, _) => 0.3 * Math.Sin(f * 0.5));
        var missing1 = _dir.File("greeting.wav");
        var missing2 = _dir.File("closing.wav");

        var e = Assert.Throws<PromptLoadException>(() => PromptLibrary.Load(new Dictionary<string, string>
        {
            ["greeting"] = missing1,
            ["hold"] = good,
            ["closing"] = missing2,
        }));

        Assert.Equal(2, e.Failures.Count);
        Assert.Contains(missing1, e.Message, StringComparison.Ordinal);
        Assert.Contains(missing2, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(good, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_library_finds_prompts_by_name()
    {
        var hold = _dir.File("hold.wav");
        var greeting = _dir.File("greeting.wav");
        TestSignals.WriteWav(hold, 8000, 1, 16, false, 8000, (f, _) => 0.3 * Math.Sin(f * 0.5));
        TestSignals.WriteWav(greeting, 16000, 1, 16, false, 8000, (f, _) => 0.3 * Math.Sin(f * 0.3));

        var library = PromptLibrary.Load([new("hold", hold), new("greeting", greeting)]);

        Assert.Equal(2, library.Count);
        Assert.Equal(["greeting", "hold"], library.Names.Order());
        Assert.Equal(TimeSpan.FromSeconds(0.5), library["greeting"].Duration);
        Assert.True(library.TryGet("hold", out var found));
        Assert.Equal(hold, found.FilePath);
        Assert.False(library.TryGet("closing", out _));
        Assert.Throws<KeyNotFoundException>(() => library["closing"]);
    }

    [Fact]
    public void Two_prompts_with_one_name_are_refused()
    {
        var a = Prompt.FromSamples("x", new float[800], 8000);
        var b = Prompt.FromSamples("x", new float[800], 8000);
        Assert.Throws<ArgumentException>(() => new PromptLibrary([a, b]));
    }

    [Fact]
    public void A_prompt_reads_from_a_stream()
    {
        using var wav = new MemoryStream();
        var path = _dir.File("s.wav");
        TestSignals.WriteWav(path, 8000, 1, 16, false, 1600, (f, _) => 0.3 * Math.Sin(f * 0.5));
        wav.Write(File.ReadAllBytes(path));
        wav.Position = 0;

        var prompt = Prompt.FromStream("s", wav);

        Assert.Equal(10, prompt.FrameCount);
        Assert.Null(prompt.FilePath);
    }
}
