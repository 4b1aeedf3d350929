namespace CallService.Sip.Media;

/// <summary>
/// The low-pass FIR shared by <see cref="Upsampler2x"/> and <see cref="Downsampler2x"/>: a
/// Kaiser-windowed sinc at 16 kHz, linear phase, cutting at 3.7 kHz so that telephone-band speech
/// (300-3400 Hz) passes flat and nothing above 4 kHz folds back when going to 8 kHz. Computed once.
/// </summary>
internal static class ResamplingFilter
{
    /// <summary>Odd length gives an integral group delay of (Taps - 1) / 2 samples at 16 kHz.</summary>
    public const int Taps = 127;

    private const double SampleRate = 16000;
    private const double CutoffHz = 3700;

    // Kaiser beta 7: about 70 dB of stopband attenuation, a transition band of about 550 Hz.
    private const double KaiserBeta = 7.0;

    /// <summary>Group delay in 16 kHz samples.</summary>
    public const int DelayAt16k = (Taps - 1) / 2;

    /// <summary>The impulse response, normalised to unity gain at DC.</summary>
    public static float[] Coefficients { get; } = Design();

    private static float[] Design()
    {
        var h = new double[Taps];
        var fc = CutoffHz / SampleRate;
        var sum = 0.0;
        var i0Beta = BesselI0(KaiserBeta);
        for (var n = 0; n < Taps; n++)
        {
            var m = n - DelayAt16k;
            var sinc = m == 0 ? 2 * fc : Math.Sin(2 * Math.PI * fc * m) / (Math.PI * m);
            var ratio = (double)m / DelayAt16k;
            var window = BesselI0(KaiserBeta * Math.Sqrt(1 - (ratio * ratio))) / i0Beta;
            h[n] = sinc * window;
            sum += h[n];
        }

        var coefficients = new float[Taps];
        for (var n = 0; n < Taps; n++)
        {
            coefficients[n] = (float)(h[n] / sum);
        }

        return coefficients;
    }

    /// <summary>Modified Bessel function of the first kind, order 0, by its power series.</summary>
    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (var k = 1; k < 50 && term > 1e-12 * sum; k++)
        {
            term *= half / k * (half / k);
            sum += term;
        }

        return sum;
    }
}
