using NAudio.Dsp;

namespace CallService.Sip.Media;

/// <summary>
/// Checks that received audio is a given reference (the greeting, not something else): decode the
/// frames, then find the lag with the highest normalised cross-correlation. For tests and tools;
/// these methods allocate and are not meant for the media path.
/// </summary>
public static class AudioMatch
{
    // Below this the direct sum is cheaper than the FFT.
    private const long DirectWorkLimit = 1 << 22;

    /// <summary>
    /// Slides the shorter of the two signals over the longer one (both at the same sample rate) and
    /// returns the lag with the highest normalised cross-correlation, over the full length of the
    /// shorter. When <paramref name="received"/> is the shorter (the caller heard only part of the
    /// prompt) the lag is negative or zero. Uses an FFT (NAudio) for long signals.
    /// </summary>
    public static CorrelationResult BestCorrelation(ReadOnlySpan<short> reference, ReadOnlySpan<short> received)
    {
        if (reference.IsEmpty || received.IsEmpty)
        {
            return new CorrelationResult(0, 0, 0);
        }

        var receivedIsLonger = received.Length >= reference.Length;
        var longer = receivedIsLonger ? received : reference;
        var shorter = receivedIsLonger ? reference : received;
        var lags = longer.Length - shorter.Length + 1;

        // The cross-correlation sum for every lag: r[k] = sum longer[i + k] * shorter[i].
        var sums = (long)lags * shorter.Length <= DirectWorkLimit
            ? DirectSums(longer, shorter, lags)
            : FftSums(longer, shorter, lags);

        // Normalise by the energies of the shorter and of the window of the longer under it.
        var shorterEnergy = Energy(shorter);
        var window = Energy(longer[..shorter.Length]);
        var bestLag = 0;
        var best = double.NegativeInfinity;
        for (var k = 0; k < lags; k++)
        {
            if (k > 0)
            {
                double leaving = longer[k - 1], entering = longer[k + shorter.Length - 1];
                window += (entering * entering) - (leaving * leaving);
            }

            var denominator = Math.Sqrt(shorterEnergy * Math.Max(window, 0));
            var value = denominator > 0 ? sums[k] / denominator : 0;
            if (value > best)
            {
                best = value;
                bestLag = k;
            }
        }

        // Recompute the winner exactly (the FFT and running energy carry rounding).
        var lag = receivedIsLonger ? bestLag : -bestLag;
        return new CorrelationResult(CorrelationAt(reference, received, lag), lag, shorter.Length);
    }

    /// <summary>
    /// The normalised cross-correlation of <c>reference[i]</c> with <c>received[i + lag]</c> over the
    /// samples where both exist; 0 when they do not overlap or one is silent.
    /// </summary>
    public static double CorrelationAt(ReadOnlySpan<short> reference, ReadOnlySpan<short> received, int lag)
    {
        var start = Math.Max(0, -lag);
        var end = Math.Min(reference.Length, received.Length - lag);
        double cross = 0, referenceEnergy = 0, receivedEnergy = 0;
        for (var i = start; i < end; i++)
        {
            double a = reference[i], b = received[i + lag];
            cross += a * b;
            referenceEnergy += a * a;
            receivedEnergy += b * b;
        }

        var denominator = Math.Sqrt(referenceEnergy * receivedEnergy);
        return denominator > 0 ? cross / denominator : 0;
    }

    /// <summary>
    /// Signal-to-noise ratio in dB of <paramref name="received"/> against <paramref name="reference"/>
    /// aligned at <paramref name="lag"/> (<c>received[i + lag]</c> against <c>reference[i]</c>), over
    /// the overlap: 10 log10(sum ref^2 / sum (received - ref)^2).
    /// </summary>
    public static double SignalToNoiseDb(ReadOnlySpan<short> reference, ReadOnlySpan<short> received, int lag)
    {
        var start = Math.Max(0, -lag);
        var end = Math.Min(reference.Length, received.Length - lag);
        double signal = 0, noise = 0;
        for (var i = start; i < end; i++)
        {
            double a = reference[i], error = received[i + lag] - a;
            signal += a * a;
            noise += error * error;
        }

        return noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
    }

    /// <summary>Decodes consecutive payloads of one stream (concatenated) with a fresh decoder.</summary>
    public static short[] Decode(AudioCodecKind codec, ReadOnlySpan<byte> payloads)
    {
        var decoder = AudioCodec.Get(codec).CreateDecoder();
        var pcm = new short[decoder.Codec.SamplesForPayloadBytes(payloads.Length)];
        decoder.Decode(payloads, pcm);
        return pcm;
    }

    /// <summary>Decodes the payloads of one stream in order with a fresh decoder.</summary>
    public static short[] Decode(AudioCodecKind codec, IEnumerable<ReadOnlyMemory<byte>> payloads)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        var decoder = AudioCodec.Get(codec).CreateDecoder();
        var pcm = new List<short>();
        var buffer = new short[decoder.Codec.SamplesPerFrame];
        foreach (var payload in payloads)
        {
            var needed = decoder.Codec.SamplesForPayloadBytes(payload.Length);
            if (buffer.Length < needed)
            {
                buffer = new short[needed];
            }

            var samples = decoder.Decode(payload.Span, buffer);
            pcm.AddRange(buffer.AsSpan(0, samples));
        }

        return [.. pcm];
    }

    private static double Energy(ReadOnlySpan<short> samples)
    {
        double energy = 0;
        foreach (double s in samples)
        {
            energy += s * s;
        }

        return energy;
    }

    private static double[] DirectSums(ReadOnlySpan<short> longer, ReadOnlySpan<short> shorter, int lags)
    {
        var a = ToFloat(longer);
        var b = ToFloat(shorter);
        var sums = new double[lags];
        for (var k = 0; k < lags; k++)
        {
            sums[k] = PcmMath.Dot(a.AsSpan(k, b.Length), b);
        }

        return sums;
    }

    private static double[] FftSums(ReadOnlySpan<short> longer, ReadOnlySpan<short> shorter, int lags)
    {
        // Zero padding to at least longer + shorter keeps the circular correlation free of wrap-around.
        var m = 1;
        while ((1 << m) < longer.Length + shorter.Length)
        {
            m++;
        }

        var n = 1 << m;
        var x = new Complex[n];
        var y = new Complex[n];
        for (var i = 0; i < longer.Length; i++)
        {
            x[i].X = longer[i];
        }

        for (var i = 0; i < shorter.Length; i++)
        {
            y[i].X = shorter[i];
        }

        FastFourierTransform.FFT(true, m, x);
        FastFourierTransform.FFT(true, m, y);

        // X * conj(Y) transforms back to sum x[i + k] y[i]; NAudio's forward FFT scales by 1/n,
        // so the product carries 1/n^2 and the inverse (unscaled) leaves 1/n.
        for (var i = 0; i < n; i++)
        {
            var re = (x[i].X * y[i].X) + (x[i].Y * y[i].Y);
            var im = (x[i].Y * y[i].X) - (x[i].X * y[i].Y);
            x[i].X = re;
            x[i].Y = im;
        }

        FastFourierTransform.FFT(false, m, x);
        var sums = new double[lags];
        for (var k = 0; k < lags; k++)
        {
            sums[k] = (double)x[k].X * n;
        }

        return sums;
    }

    private static float[] ToFloat(ReadOnlySpan<short> samples)
    {
        var result = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            result[i] = samples[i];
        }

        return result;
    }
}
