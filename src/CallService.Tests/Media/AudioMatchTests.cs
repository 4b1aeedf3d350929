using CallService.Sip.Media;

namespace CallService.Tests.Media;

public class AudioMatchTests
{
    [Fact]
    public void Finds_the_reference_inside_longer_received_audio()
    {
        var reference = TestSignals.ToPcm(TestSignals.SpeechLike(8000, 0.5, seed: 1));
        var received = new short[reference.Length + 3000];
        reference.CopyTo(received, 1234);

        var match = AudioMatch.BestCorrelation(reference, received);

        Assert.Equal(1234, match.Lag);
        Assert.Equal(reference.Length, match.Overlap);
        Assert.True(match.Correlation > 0.999);
    }

    [Fact]
    public void Finds_where_a_shorter_received_piece_sits_in_the_reference()
    {
        var reference = TestSignals.ToPcm(TestSignals.SpeechLike(8000, 0.5, seed: 2));
        var received = reference.AsSpan(500, 2000).ToArray();

        var match = AudioMatch.BestCorrelation(reference, received);

        Assert.Equal(-500, match.Lag);
        Assert.True(match.Correlation > 0.999);
    }

    [Fact]
    public void Finds_a_small_delay_between_signals_of_equal_length()
    {
        var reference = TestSignals.ToPcm(TestSignals.SpeechLike(16000, 0.5, seed: 5));
        var received = new short[reference.Length];
        reference.AsSpan(0, reference.Length - 22).CopyTo(received.AsSpan(22));

        var match = AudioMatch.BestCorrelation(reference, received);

        Assert.Equal(22, match.Lag);
        Assert.Equal(reference.Length - 22, match.Overlap);
        Assert.True(match.Correlation > 0.999);
    }

    [Fact]
    public void Unrelated_audio_does_not_match()
    {
        var reference = TestSignals.ToPcm(TestSignals.SpeechLike(8000, 0.5, seed: 6));
        var received = TestSignals.ToPcm(TestSignals.SpeechLike(8000, 0.8, seed: 7));

        Assert.True(AudioMatch.BestCorrelation(reference, received).Correlation < 0.2);
    }

    [Fact]
    public void Long_signals_take_the_FFT_path_and_agree_with_the_direct_sum()
    {
        // 3000 samples x 20001 lags is over the direct-sum limit, so the FFT computes the candidates.
        var reference = TestSignals.ToPcm(TestSignals.SpeechLike(8000, 0.375, seed: 3));
        var received = TestSignals.ToPcm(TestSignals.SpeechLike(8000, 2.5, seed: 4));
        for (var i = 0; i < received.Length; i++)
        {
            received[i] /= 4;
        }

        for (var i = 0; i < reference.Length; i++)
        {
            received[15000 + i] = (short)Math.Clamp(received[15000 + i] + reference[i], short.MinValue, short.MaxValue);
        }

        var match = AudioMatch.BestCorrelation(reference, received);

        Assert.Equal(15000, match.Lag);
        Assert.Equal(AudioMatch.CorrelationAt(reference, received, 15000), match.Correlation, 12);
        Assert.True(match.Correlation > 0.9);
    }

    [Theory]
    [InlineData(AudioCodecKind.Pcmu)]
    [InlineData(AudioCodecKind.Pcma)]
    [InlineData(AudioCodecKind.G722)]
    public void The_greeting_a_caller_receives_matches_the_greeting_and_not_another_prompt(AudioCodecKind codec)
    {
        var greeting = Prompt.FromSamples("greeting", TestSignals.SpeechLike(16000, 1, seed: 10), 16000);
        var other = Prompt.FromSamples("other", TestSignals.SpeechLike(16000, 1, seed: 11), 16000);

        // What the caller's side collects: some silence, then the frames the source sent.
        var payloads = new List<ReadOnlyMemory<byte>>();
        var silence = new SilenceSource(codec);
        for (var i = 0; i < 7; i++)
        {
            payloads.Add(Read(silence));
        }

        var source = greeting.CreateSource(codec);
        while (!source.IsFinished)
        {
            payloads.Add(Read(source));
        }

        var received = AudioMatch.Decode(codec, payloads);
        var sameGreeting = AudioMatch.BestCorrelation(greeting.PcmFor(codec).Span, received);
        var otherPrompt = AudioMatch.BestCorrelation(other.PcmFor(codec).Span, received);

        Assert.True(sameGreeting.Correlation > 0.95, $"greeting {sameGreeting.Correlation}");
        Assert.True(otherPrompt.Correlation < 0.2, $"other {otherPrompt.Correlation}");
        // The greeting starts after the 7 silent frames (plus G.722's 22-sample codec delay).
        var frameSamples = AudioCodec.Get(codec).SamplesPerFrame;
        Assert.Equal((7 * frameSamples) + (codec == AudioCodecKind.G722 ? 22 : 0), sameGreeting.Lag);
    }

    [Fact]
    public void Decode_of_concatenated_payloads_equals_frame_by_frame_decode()
    {
        var pcm = TestSignals.Sine(16000, 1500, 3200);
        var payload = TestSignals.EncodeStream(AudioCodec.G722.CreateEncoder(), pcm);
        var frames = Enumerable.Range(0, 10).Select(i => (ReadOnlyMemory<byte>)payload.AsMemory(i * 160, 160));

        Assert.Equal(AudioMatch.Decode(AudioCodecKind.G722, payload), AudioMatch.Decode(AudioCodecKind.G722, frames));
    }

    [Fact]
    public void Signal_to_noise_is_infinite_for_identical_audio_and_falls_with_noise()
    {
        var pcm = TestSignals.Sine(8000, 440, 800);
        var noisy = pcm.Select((s, i) => (short)(s + ((i % 2 == 0) ? 100 : -100))).ToArray();

        Assert.Equal(double.PositiveInfinity, AudioMatch.SignalToNoiseDb(pcm, pcm, 0));
        Assert.InRange(AudioMatch.SignalToNoiseDb(pcm, noisy, 0), 36, 38);
    }

    [Fact]
    public void Goertzel_and_zero_crossings_measure_a_tone()
    {
        var tone = TestSignals.Sine(8000, 450, 800, amplitude: 5000);

        Assert.InRange(ToneAnalysis.GoertzelAmplitude(tone, 8000, 450), 4900, 5100);
        Assert.True(ToneAnalysis.GoertzelAmplitude(tone, 8000, 600) < 50);
        Assert.InRange(ToneAnalysis.ZeroCrossingFrequency(tone, 8000), 448, 452);
        Assert.Equal(450, ToneAnalysis.DominantFrequency(tone, 8000, 300, 700));
        Assert.InRange(ToneAnalysis.Rms(tone), 3500, 3570);
    }

    private static ReadOnlyMemory<byte> Read(IMediaSource source)
    {
        var buffer = new byte[160];
        var length = source.ReadFrame(buffer);
        return buffer.AsMemory(0, length);
    }
}
