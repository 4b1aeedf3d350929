using CallService.Sip.Media;
using CallService.Tests.Support;

namespace CallService.Tests.Media;

public class AudioCodecTests
{
    [Theory]
    [InlineData(AudioCodecKind.Pcmu, "PCMU", 0, 8000, 160)]
    [InlineData(AudioCodecKind.Pcma, "PCMA", 8, 8000, 160)]
    [InlineData(AudioCodecKind.G722, "G722", 9, 16000, 320)]
    public void Codec_facts_follow_RFC_3551(AudioCodecKind kind, string name, int payloadType, int sampleRate, int samplesPerFrame)
    {
        var codec = AudioCodec.Get(kind);

        Assert.Equal(kind, codec.Kind);
        Assert.Equal(name, codec.EncodingName);
        Assert.Equal(payloadType, codec.PayloadType);
        Assert.Equal(sampleRate, codec.SampleRate);
        Assert.Equal(8000, codec.RtpClockRate);
        Assert.Equal(1, codec.Channels);
        Assert.Equal(samplesPerFrame, codec.SamplesPerFrame);
        Assert.Equal(160, codec.PayloadBytesPerFrame);
        Assert.Equal(160, codec.RtpTimestampIncrement);
        Assert.Equal(samplesPerFrame, codec.SamplesForPayloadBytes(160));
        Assert.Equal(TimeSpan.FromMilliseconds(20), AudioCodec.FrameDuration);
    }

    [Theory]
    [InlineData(0, AudioCodecKind.Pcmu)]
    [InlineData(8, AudioCodecKind.Pcma)]
    [InlineData(9, AudioCodecKind.G722)]
    public void Codec_is_found_by_payload_type(int payloadType, AudioCodecKind expected)
    {
        Assert.True(AudioCodec.TryFromPayloadType(payloadType, out var codec));
        Assert.Equal(expected, codec.Kind);
    }

    [Fact]
    public void Unknown_payload_type_and_name_are_not_found()
    {
        Assert.False(AudioCodec.TryFromPayloadType(18, out _));
        Assert.False(AudioCodec.TryFromEncodingName("opus", out _));
    }

    [Theory]
    [InlineData("PCMU", AudioCodecKind.Pcmu)]
    [InlineData("pcma", AudioCodecKind.Pcma)]
    [InlineData("g722", AudioCodecKind.G722)]
    public void Codec_is_found_by_encoding_name_ignoring_case(string name, AudioCodecKind expected)
    {
        Assert.True(AudioCodec.TryFromEncodingName(name, out var codec));
        Assert.Equal(expected, codec.Kind);
    }

    [Theory]
    [InlineData(AudioCodecKind.Pcmu, 30)]
    [InlineData(AudioCodecKind.Pcma, 30)]
    public void G711_round_trip_of_a_sine_keeps_SNR_above_30_dB(AudioCodecKind kind, double minimumDb)
    {
        var codec = AudioCodec.Get(kind);
        var input = TestSignals.Sine(8000, 1004, 8000, amplitude: 12000);

        var payload = TestSignals.EncodeStream(codec.CreateEncoder(), input);
        var output = TestSignals.DecodeStream(codec.CreateDecoder(), payload);

        Assert.Equal(8000, payload.Length);
        Assert.Equal(input.Length, output.Length);
        Assert.True(AudioMatch.SignalToNoiseDb(input, output, lag: 0) > minimumDb);
    }

    [Theory]
    [InlineData(1004)]
    [InlineData(6000)]
    public void G722_round_trip_of_a_sine_keeps_SNR_above_20_dB_once_its_delay_is_found_by_correlation(double hz)
    {
        // 6 kHz exercises G.722's upper sub-band (4-8 kHz), which G.711 cannot carry at all.
        var input = TestSignals.Sine(16000, hz, 16000, amplitude: 10000);

        var payload = TestSignals.EncodeStream(AudioCodec.G722.CreateEncoder(), input);
        var output = TestSignals.DecodeStream(AudioCodec.G722.CreateDecoder(), payload);

        // Skip the first 100 ms while ADPCM adapts; find where the rest landed in the output.
        var reference = input.AsSpan(1600, 12800);
        var match = AudioMatch.BestCorrelation(reference, output);
        Assert.True(match.Correlation > 0.99, $"correlation {match.Correlation}");
        var snr = AudioMatch.SignalToNoiseDb(reference, output, match.Lag);
        Assert.True(snr > 20, $"snr {snr} dB");
    }

    [Fact]
    public void G722_delays_wideband_audio_by_its_QMF_filters_only()
    {
        var input = TestSignals.BandLimitedNoise(16000, 16000, 100, 3800, seed: 1);

        var payload = TestSignals.EncodeStream(AudioCodec.G722.CreateEncoder(), input);
        var output = TestSignals.DecodeStream(AudioCodec.G722.CreateDecoder(), payload);

        // The transmit and receive QMFs (24 taps each) delay by 22 samples (1.4 ms) at 16 kHz.
        var match = AudioMatch.BestCorrelation(input.AsSpan(1600, 12800), output);
        Assert.Equal(1600 + 22, match.Lag);
        Assert.True(match.Correlation > 0.99, $"correlation {match.Correlation}");
    }

    [Fact]
    public void G722_encoder_carries_state_between_frames()
    {
        var input = TestSignals.Tones(16000, 3200, (700, 8000), (3000, 3000));
        var whole = new byte[1600];
        AudioCodec.G722.CreateEncoder().Encode(input, whole);

        var framed = TestSignals.EncodeStream(AudioCodec.G722.CreateEncoder(), input);
        var freshEachFrame = new byte[1600];
        for (var i = 0; i < 10; i++)
        {
            AudioCodec.G722.CreateEncoder().Encode(input.AsSpan(i * 320, 320), freshEachFrame.AsSpan(i * 160));
        }

        Assert.Equal(whole, framed);
        Assert.NotEqual(whole, freshEachFrame);
    }

    [Fact]
    public void Reset_starts_a_G722_stream_afresh()
    {
        var input = TestSignals.Sine(16000, 900, 640);
        var encoder = AudioCodec.G722.CreateEncoder();
        var first = new byte[320];
        var second = new byte[320];

        encoder.Encode(input, first);
        encoder.Reset();
        encoder.Encode(input, second);

        Assert.Equal(first, second);
    }

    [Fact]
    public void G722_rejects_an_odd_sample_count_and_short_destinations()
    {
        var encoder = AudioCodec.G722.CreateEncoder();
        Assert.Throws<ArgumentException>(() => encoder.Encode(new short[321], new byte[200]));
        Assert.Throws<ArgumentException>(() => encoder.Encode(new short[320], new byte[159]));
        Assert.Throws<ArgumentException>(() => AudioCodec.G722.CreateDecoder().Decode(new byte[160], new short[319]));
        Assert.Throws<ArgumentException>(() => AudioCodec.Pcmu.CreateEncoder().Encode(new short[160], new byte[100]));
    }

    [Theory]
    [InlineData(AudioCodecKind.Pcmu)]
    [InlineData(AudioCodecKind.Pcma)]
    [InlineData(AudioCodecKind.G722)]
    public void Encoding_and_decoding_a_frame_does_not_allocate(AudioCodecKind kind)
    {
        var codec = AudioCodec.Get(kind);
        var encoder = codec.CreateEncoder();
        var decoder = codec.CreateDecoder();
        var pcm = TestSignals.Sine(codec.SampleRate, 1000, codec.SamplesPerFrame);
        var payload = new byte[codec.PayloadBytesPerFrame];
        var decoded = new short[codec.SamplesPerFrame];
        encoder.Encode(pcm, payload);
        decoder.Decode(payload, decoded);

        Assert.Equal(0, Allocations.Measure(100, () =>
        {
            encoder.Encode(pcm, payload);
            decoder.Decode(payload, decoded);
        }));
    }

    [Fact]
    public void G711_silence_is_0xFF_for_PCMU_and_0xD5_for_PCMA()
    {
        Assert.All(SilenceFrames.For(AudioCodecKind.Pcmu)[0].ToArray(), b => Assert.Equal(0xFF, b));
        Assert.All(SilenceFrames.For(AudioCodecKind.Pcma)[0].ToArray(), b => Assert.Equal(0xD5, b));
    }

    [Fact]
    public void G722_silence_decodes_to_near_zero_after_speech_and_across_its_loop()
    {
        var silence = new SilenceSource(AudioCodecKind.G722);
        var frames = SilenceFrames.For(AudioCodecKind.G722);
        var decoder = AudioCodec.G722.CreateDecoder();
        var pcm = new short[320];
        var payload = new byte[160];

        // A receiver hears a tone first, then the silence source, for three passes of its loop.
        var tone = TestSignals.EncodeStream(AudioCodec.G722.CreateEncoder(), TestSignals.Sine(16000, 450, 3200, amplitude: 10000));
        TestSignals.DecodeStream(decoder, tone);
        var loudest = 0.0;
        for (var i = 0; i < frames.FrameCount * 3; i++)
        {
            silence.ReadFrame(payload);
            decoder.Decode(payload, pcm);
            if (i >= 2)
            {
                loudest = Math.Max(loudest, ToneAnalysis.Rms(pcm));
            }
        }

        // G.722's own idle noise on digital silence is about 24 (-63 dBFS); the loop seam adds
        // nothing audible. Under 40 is below -58 dBFS.
        Assert.True(loudest < 40, $"loudest frame rms {loudest}");
    }

    [Theory]
    [InlineData(AudioCodecKind.Pcmu)]
    [InlineData(AudioCodecKind.Pcma)]
    [InlineData(AudioCodecKind.G722)]
    public void Silence_source_sends_the_shared_silence_frame_forever(AudioCodecKind kind)
    {
        var source = new SilenceSource(kind);
        var payload = new byte[200];

        var frames = SilenceFrames.For(kind);
        for (var i = 0; i < (frames.FrameCount * 2) + 1; i++)
        {
            Assert.Equal(160, source.ReadFrame(payload));
            Assert.True(payload.AsSpan(0, 160).SequenceEqual(frames[i % frames.FrameCount]));
        }

        Assert.False(source.IsFinished);
        Assert.Equal(kind, source.Codec.Kind);
    }
}
