namespace CallService.Sip.Media;

/// <summary>
/// 16 kHz to 8 kHz: low-passes at 3.7 kHz so nothing above 4 kHz aliases, then keeps every other
/// sample (only the kept outputs are computed). Linear phase; the delay is
/// <see cref="ResamplingFilter.DelayAt16k"/> samples at 16 kHz. Input lengths must be even so the
/// decimation phase stays the same from frame to frame.
/// </summary>
public sealed class Downsampler2x : IPcmResampler
{
    private const int ChunkSamples = 320;
    private const int History = ResamplingFilter.Taps - 1;

    // The filter is symmetric, so its reversal (for a dot product over consecutive inputs) is itself.
    private static readonly float[] Taps = Reversed(ResamplingFilter.Coefficients);

    private readonly float[] _work = new float[History + ChunkSamples];

    public int InputSampleRate => 16000;

    public int OutputSampleRate => 8000;

    public int OutputLength(int inputSamples) => inputSamples / 2;

    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if ((input.Length & 1) != 0)
        {
            throw new ArgumentException("Halving the rate needs an even number of samples.", nameof(input));
        }

        CodecGuard.EnsureCapacity(output.Length, input.Length / 2, nameof(output));
        var written = 0;
        while (!input.IsEmpty)
        {
            var count = Math.Min(input.Length, ChunkSamples);
            for (var i = 0; i < count; i++)
            {
                _work[History + i] = input[i];
            }

            // y[n] = sum h[j] x[2n - j]: the output keeps the even input of each pair, so up then
            // down delays by a whole number of 8 kHz samples ((Taps - 1) / 2).
            for (var n = 0; n < count / 2; n++)
            {
                output[written++] = PcmMath.Saturate(PcmMath.Dot(Taps, _work.AsSpan(2 * n, Taps.Length)));
            }

            _work.AsSpan(count, History).CopyTo(_work);
            input = input[count..];
        }

        return written;
    }

    public void Reset() => Array.Clear(_work);

    private static float[] Reversed(float[] h)
    {
        var taps = (float[])h.Clone();
        Array.Reverse(taps);
        return taps;
    }
}
