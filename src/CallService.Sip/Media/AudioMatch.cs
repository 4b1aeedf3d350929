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
    /// Slides <paramref name="received"/> against <paramref name="reference"/> (same sample rate) and
    /// returns the lag with the highest normalised cross-correlation, each lag normalised over the
    /// samples where both signals exist. Only lags that overlap at least
    /// <paramref name="minimumOverlap"/> samples count (default: half the shorter signal), so a few
    /// samples at the edges cannot match by chance. Uses an FFT (NAudio) for long signals.
    /// </summary>
    public static CorrelationResult BestCorrelation(ReadOnlySpan<short> reference, ReadOnlySpan<short> received, int minimumOverlap = 0)
    {
        if (reference.IsEmpty || received.IsEmpty)
        {
            return new CorrelationResult(0, 0, 0);
        }

        var shorter = Math.Min(reference.Length, received.Length);
        var overlapNeeded = minimumOverlap > 0 ? Math.Min(minimumOverlap, shorter) : Math.Max(1, shorter / 2);

        // Lags with enough overlap: reference[i] against received[i + lag].
        var firstLag = overlapNeeded - reference.Length;
        var lastLag = received.Length - overlapNeeded;
        var lagCount = lastLag - firstLag + 1;

        // The cross-correlation sum for every lag, then each normalised by the energies of the two
        // overlapping stretches (from running sums of squares).
        var sums = (long)lagCount * shorter <= DirectWorkLimit
            ? DirectSums(reference, received, firstLag, lagCount)
            : FftSums(reference, received, firstLag, lagCount);
        var referenceEnergy = PrefixEnergy(reference);
        var receivedEnergy = PrefixEnergy(received);
        var bestLag = firstLag;
        var best = double.NegativeInfinity;
        for (var n = 0; n < lagCount; n++)
        {
            var lag = firstLag + n;
            var start = Math.Max(0, -lag);
            var end = Math.Min(reference.Length, received.Length - lag);
            var energy = (referenceEnergy[end] - referenceEnergy[start]) * (receivedEnergy[end + lag] - receivedEnergy[start + lag]);
            var value = energy > 0 ? sums[n] / Math.Sqrt(energy) : 0;
            if (value > best)
            {
                best = value;
                bestLag = lag;
            }
        }

        // Recompute the winner exactly (the FFT carries float rounding).
        var overlap = Math.Min(reference.Length, received.Length - bestLag) - Math.Max(0, -bestLag);
        return new CorrelationResult(CorrelationAt(reference, received, bestLag), bestLag, overlap);
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

    private static double[] PrefixEnergy(ReadOnlySpan<short> samples)
    {
        var prefix = new double[samples.Length + 1];
        for (var i = 0; i < samples.Length; i++)
        {
            double s = samples[i];
            prefix[i + 1] = prefix[i] + (s * s);
        }

        return prefix;
    }

    private static double[] DirectSums(ReadOnlySpan<short> reference, ReadOnlySpan<short> received, int firstLag, int lagCount)
    {
        var a = ToFloat(reference);
        var b = ToFloat(received);
        var sums = new double[lagCount];
        for (var n = 0; n < lagCount; n++)
        {
            var lag = firstLag + n;
            var start = Math.Max(0, -lag);
            var end = Math.Min(a.Length, b.Length - lag);
            sums[n] = PcmMath.Dot(a.AsSpan(start, end - start), b.AsSpan(start + lag, end - start));
        }

        return sums;
    }

    private static double[] FftSums(ReadOnlySpan<short> reference, ReadOnlySpan<short> received, int firstLag, int lagCount)
    {
        // Zero padding to the sum of the lengths keeps the circular correlation free of wrap-around;
        // negative lags land at the top of the result.
        var m = 1;
        while ((1 << m) < reference.Length + received.Length)
        {
            m++;
        }

        var n = 1 << m;
        var x = new Complex[n];
        var y = new Complex[n];
        for (var i = 0; i < received.Length; i++)
        {
            x[i].X = received[i];
        }

        for (var i = 0; i < reference.Length; i++)
        {
            y[i].X = reference[i];
        }

        FastFourierTransform.FFT(true, m, x);
        FastFourierTransform.FFT(true, m, y);

        // X * conj(Y) transforms back to sum received[i + k] reference[i]; NAudio's forward FFT
        // scales by 1/n, so the product carries 1/n^2 and the (unscaled) inverse leaves 1/n.
        for (var i = 0; i < n; i++)
        {
            var re = (x[i].X * y[i].X) + (x[i].Y * y[i].Y);
            var im = (x[i].Y * y[i].X) - (x[i].X * y[i].Y);
            x[i].X = re;
            x[i].Y = im;
        }

        FastFourierTransform.FFT(false, m, x);
        var sums = new double[lagCount];
        for (var k = 0; k < lagCount; k++)
        {
            var lag = firstLag + k;
            sums[k] = (double)x[lag >= 0 ? lag : n + lag].X * n;
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
