namespace CallService.Sip.Media;

/// <summary>
/// Measures of tones in PCM: the Goertzel algorithm for the level at one frequency (how DTMF and
/// call-progress detectors work), zero crossings, RMS. For tests and tools; no allocation.
/// </summary>
public static class ToneAnalysis
{
    /// <summary>
    /// The amplitude (in 16-bit sample units) of the component of <paramref name="samples"/> at
    /// <paramref name="frequencyHz"/>, by the Goertzel recurrence with a Hann window; a pure sine of
    /// amplitude A at that frequency gives about A.
    /// </summary>
    public static double GoertzelAmplitude(ReadOnlySpan<short> samples, int sampleRate, double frequencyHz)
    {
        if (samples.Length < 2)
        {
            return 0;
        }

        var n = samples.Length;
        var omega = 2 * Math.PI * frequencyHz / sampleRate;
        var coefficient = 2 * Math.Cos(omega);

        // The Hann window's cosine by the same kind of recurrence: cos((i+1)t) = 2cos(t)cos(it) - cos((i-1)t).
        var windowStep = 2 * Math.PI / (n - 1);
        var windowCoefficient = 2 * Math.Cos(windowStep);
        double cosPrevious = Math.Cos(-windowStep), cosCurrent = 1;
        double s1 = 0, s2 = 0, windowSum = 0;
        for (var i = 0; i < n; i++)
        {
            var window = 0.5 - (0.5 * cosCurrent);
            (cosPrevious, cosCurrent) = (cosCurrent, (windowCoefficient * cosCurrent) - cosPrevious);
            windowSum += window;
            var s0 = (samples[i] * window) + (coefficient * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        var power = (s1 * s1) + (s2 * s2) - (coefficient * s1 * s2);
        return 2 * Math.Sqrt(Math.Max(power, 0)) / windowSum;
    }

    /// <summary>
    /// The frequency between <paramref name="minHz"/> and <paramref name="maxHz"/> (in steps of
    /// <paramref name="stepHz"/>) with the largest Goertzel amplitude.
    /// </summary>
    public static double DominantFrequency(ReadOnlySpan<short> samples, int sampleRate, double minHz, double maxHz, double stepHz = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepHz);
        double best = minHz, bestAmplitude = -1;
        for (var f = minHz; f <= maxHz; f += stepHz)
        {
            var amplitude = GoertzelAmplitude(samples, sampleRate, f);
            if (amplitude > bestAmplitude)
            {
                bestAmplitude = amplitude;
                best = f;
            }
        }

        return best;
    }

    /// <summary>The frequency estimated from sign changes (two per period) of a single tone.</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<short> samples, int sampleRate)
    {
        int first = -1, last = -1, crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if ((samples[i - 1] < 0) != (samples[i] < 0))
            {
                if (first < 0)
                {
                    first = i;
                }

                last = i;
                crossings++;
            }
        }

        // Count whole half periods between the first and the last crossing.
        return crossings < 2 ? 0 : (crossings - 1) * sampleRate / (2.0 * (last - first));
    }

    /// <summary>The root-mean-square level in 16-bit sample units.</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        double energy = 0;
        foreach (double s in samples)
        {
            energy += s * s;
        }

        return Math.Sqrt(energy / samples.Length);
    }
}
