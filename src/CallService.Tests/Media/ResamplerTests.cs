using CallService.Sip.Media;
using CallService.Tests.Support;

namespace CallService.Tests.Media;

public class ResamplerTests
{
    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    [InlineData(3300)]
    public void Upsampling_keeps_an_in_band_tone_at_its_frequency_and_level(double hz)
    {
        var input = TestSignals.Sine(8000, hz, 8000, amplitude: 10000);
        var output = Process(new Upsampler2x(), input, frame: 160);

        Assert.Equal(16000, output.Length);
        var steady = output.AsSpan(800, 14400);
        Assert.InRange(ToneAnalysis.GoertzelAmplitude(steady, 16000, hz), 9500, 10500);
        Assert.InRange(ToneAnalysis.ZeroCrossingFrequency(steady, 16000), hz * 0.99, hz * 1.01);
    }

    [Fact]
    public void Upsampling_removes_the_image_above_4_kHz()
    {
        var output = Process(new Upsampler2x(), TestSignals.Sine(8000, 1000, 8000, amplitude: 10000), frame: 160);

        // Zero insertion mirrors 1 kHz to 7 kHz; the filter must take it down by more than 50 dB.
        var image = ToneAnalysis.GoertzelAmplitude(output.AsSpan(800, 14400), 16000, 7000);
        Assert.True(image < 10000 * Math.Pow(10, -50 / 20.0), $"image {image}");
    }

    [Fact]
    public void Downsampling_passes_the_telephone_band_and_stops_what_would_alias()
    {
        var passband = Process(new Downsampler2x(), TestSignals.Sine(16000, 3000, 16000, amplitude: 10000), frame: 320);
        var stopband = Process(new Downsampler2x(), TestSignals.Sine(16000, 6000, 16000, amplitude: 10000), frame: 320);

        Assert.Equal(8000, passband.Length);
        Assert.InRange(ToneAnalysis.GoertzelAmplitude(passband.AsSpan(400, 7200), 8000, 3000), 9500, 10500);

        // 6 kHz would fold to 2 kHz at 8 kHz sampling.
        Assert.True(ToneAnalysis.Rms(stopband.AsSpan(400, 7200)) < 10000 * Math.Pow(10, -50 / 20.0));
    }

    [Fact]
    public void Frame_by_frame_output_equals_processing_everything_at_once()
    {
        var input = TestSignals.Tones(16000, 3200, (500, 6000), (2500, 4000));

        var framed = Process(new Downsampler2x(), input, frame: 320);
        var oddFrames = Process(new Downsampler2x(), input, frame: 64);
        var whole = new short[1600];
        new Downsampler2x().Process(input, whole);

        Assert.Equal(whole, framed);
        Assert.Equal(whole, oddFrames);

        var up = TestSignals.Tones(8000, 1600, (500, 6000), (2500, 4000));
        var upWhole = new short[3200];
        new Upsampler2x().Process(up, upWhole);
        Assert.Equal(upWhole, Process(new Upsampler2x(), up, frame: 70));
    }

    [Fact]
    public void Up_then_down_gives_back_telephone_band_audio_delayed_by_the_filters()
    {
        var input = TestSignals.BandLimitedNoise(8000, 8000, 300, 3300, seed: 7);
        var up = Process(new Upsampler2x(), input, frame: 160);
        var back = Process(new Downsampler2x(), up, frame: 320);

        var reference = input.AsSpan(400, 7000);
        var match = AudioMatch.BestCorrelation(reference, back);

        // Two passes of a (Taps - 1) / 2 = 63 sample delay at 16 kHz: 63 samples at 8 kHz.
        Assert.Equal(400 + 63, match.Lag);
        var snr = AudioMatch.SignalToNoiseDb(reference, back, match.Lag);
        Assert.True(snr > 30, $"snr {snr} dB");
    }

    [Fact]
    public void Resampling_a_frame_does_not_allocate()
    {
        var up = new Upsampler2x();
        var down = new Downsampler2x();
        var pcm8 = TestSignals.Sine(8000, 1000, 160);
        var pcm16 = new short[320];
        var back = new short[160];
        up.Process(pcm8, pcm16);
        down.Process(pcm16, back);

        Assert.Equal(0, Allocations.Measure(100, () =>
        {
            up.Process(pcm8, pcm16);
            down.Process(pcm16, back);
        }));
    }

    [Fact]
    public void Downsampler_rejects_odd_input()
    {
        Assert.Throws<ArgumentException>(() => new Downsampler2x().Process(new short[321], new short[200]));
    }

    private static short[] Process(IPcmResampler resampler, short[] input, int frame)
    {
        var output = new short[resampler.OutputLength(input.Length)];
        var written = 0;
        for (var i = 0; i < input.Length; i += frame)
        {
            var count = Math.Min(frame, input.Length - i);
            written += resampler.Process(input.AsSpan(i, count), output.AsSpan(written));
        }

        Assert.Equal(output.Length, written);
        return output;
    }
}
