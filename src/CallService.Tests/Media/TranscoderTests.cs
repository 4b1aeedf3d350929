using CallService.Sip.Media;
using CallService.Tests.Support;

namespace CallService.Tests.Media;

public class TranscoderTests
{
    [Fact]
    public void PCMA_to_G722_to_PCMA_keeps_a_1_kHz_tone_recognisable()
    {
        var tone = TestSignals.Sine(8000, 1000, 8000, amplitude: 10000);
        var pcma = TestSignals.EncodeStream(AudioCodec.Pcma.CreateEncoder(), tone);
        var toG722 = new Transcoder(AudioCodecKind.Pcma, AudioCodecKind.G722);
        var back = new Transcoder(AudioCodecKind.G722, AudioCodecKind.Pcma);

        var g722 = TranscodeFrames(toG722, pcma);
        var pcmaAgain = TranscodeFrames(back, g722);
        var heard = TestSignals.DecodeStream(AudioCodec.Pcma.CreateDecoder(), pcmaAgain);

        var steady = heard.AsSpan(800, 7200);
        Assert.InRange(ToneAnalysis.ZeroCrossingFrequency(steady, 8000), 995, 1005);
        Assert.Equal(1000, ToneAnalysis.DominantFrequency(steady, 8000, 200, 3800, stepHz: 10));

        // Level within 1.5 dB and nothing else of note: the tone carries at least 97% of the energy.
        var amplitude = ToneAnalysis.GoertzelAmplitude(steady, 8000, 1000);
        Assert.InRange(amplitude, 10000 * 0.84, 10000 * 1.19);
        Assert.True(amplitude / Math.Sqrt(2) / ToneAnalysis.Rms(steady) > 0.985);
    }

    [Theory]
    [InlineData(AudioCodecKind.Pcmu, AudioCodecKind.Pcma)]
    [InlineData(AudioCodecKind.Pcmu, AudioCodecKind.G722)]
    [InlineData(AudioCodecKind.Pcma, AudioCodecKind.Pcmu)]
    [InlineData(AudioCodecKind.Pcma, AudioCodecKind.G722)]
    [InlineData(AudioCodecKind.G722, AudioCodecKind.Pcmu)]
    [InlineData(AudioCodecKind.G722, AudioCodecKind.Pcma)]
    public void Every_pair_keeps_a_tone_at_its_frequency(AudioCodecKind from, AudioCodecKind to)
    {
        var source = AudioCodec.Get(from);
        var target = AudioCodec.Get(to);
        var tone = TestSignals.Sine(source.SampleRate, 770, source.SampleRate, amplitude: 9000);
        var input = TestSignals.EncodeStream(source.CreateEncoder(), tone);

        var output = TranscodeFrames(new Transcoder(from, to), input);
        var heard = TestSignals.DecodeStream(target.CreateDecoder(), output);

        Assert.Equal(input.Length, output.Length);
        Assert.Equal(target.SampleRate, heard.Length);
        var steady = heard.AsSpan(target.SampleRate / 10, target.SampleRate * 8 / 10);
        Assert.InRange(ToneAnalysis.ZeroCrossingFrequency(steady, target.SampleRate), 765, 775);
        Assert.InRange(ToneAnalysis.GoertzelAmplitude(steady, target.SampleRate, 770), 9000 * 0.84, 9000 * 1.19);
    }

    [Theory]
    [InlineData(AudioCodecKind.Pcmu)]
    [InlineData(AudioCodecKind.G722)]
    public void Same_codec_is_a_plain_copy(AudioCodecKind kind)
    {
        var transcoder = new Transcoder(kind, kind);
        var input = new byte[160];
        new Random(3).NextBytes(input);
        var output = new byte[160];

        Assert.True(transcoder.IsPassThrough);
        Assert.Equal(160, transcoder.Transcode(input, output));
        Assert.Equal(input, output);
    }

    [Theory]
    [InlineData(AudioCodecKind.Pcmu, AudioCodecKind.G722)]
    [InlineData(AudioCodecKind.G722, AudioCodecKind.Pcma)]
    public void Transcoding_a_frame_does_not_allocate(AudioCodecKind from, AudioCodecKind to)
    {
        var transcoder = new Transcoder(from, to);
        var input = TestSignals.EncodeStream(AudioCodec.Get(from).CreateEncoder(), TestSignals.Sine(AudioCodec.Get(from).SampleRate, 500, AudioCodec.Get(from).SamplesPerFrame));
        var output = new byte[160];
        transcoder.Transcode(input, output);

        Assert.Equal(0, Allocations.Measure(100, () =>
        {
            transcoder.Transcode(input, output);
        }));
    }

    [Fact]
    public void Output_longer_than_the_destination_is_refused()
    {
        var transcoder = new Transcoder(AudioCodecKind.Pcmu, AudioCodecKind.G722);
        Assert.Throws<ArgumentException>(() => transcoder.Transcode(new byte[160], new byte[100]));
    }

    private static byte[] TranscodeFrames(Transcoder transcoder, byte[] input)
    {
        var output = new byte[input.Length];
        for (var i = 0; i < input.Length; i += 160)
        {
            var count = Math.Min(160, input.Length - i);
            Assert.Equal(count, transcoder.Transcode(input.AsSpan(i, count), output.AsSpan(i)));
        }

        return output;
    }
}
