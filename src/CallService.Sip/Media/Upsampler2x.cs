namespace CallService.Sip.Media;

/// <summary>
/// 8 kHz to 16 kHz: inserts a zero after every sample and low-passes at 3.7 kHz to remove the image,
/// computed polyphase (each output uses only the even or only the odd taps). Linear phase; the delay
/// is <see cref="ResamplingFilter.DelayAt16k"/> samples at 16 kHz.
/// </summary>
public sealed class Upsampler2x : IPcmResampler
{
    private const int ChunkSamples = 160;

    // Taps per phase, reversed so that each output is a dot product over consecutive inputs.
    private static readonly float[] EvenPhase = Phase(0);
    private static readonly float[] OddPhase = Phase(1);

    // The history holds the last (EvenPhase.Length - 1) inputs ahead of the new ones.
    private static readonly int History = EvenPhase.Length - 1;

    private readonly float[] _work = new float[History + ChunkSamples];

    public int InputSampleRate => 8000;

    public int OutputSampleRate => 16000;

    public int OutputLength(int inputSamples) => inputSamples * 2;

    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        CodecGuard.EnsureCapacity(output.Length, input.Length * 2, nameof(output));
        var written = 0;
        while (!input.IsEmpty)
        {
            var count = Math.Min(input.Length, ChunkSamples);
            for (var i = 0; i < count; i++)
            {
                _work[History + i] = input[i];
            }

            for (var n = 0; n < count; n++)
            {
                // y[2n] = 2 sum h[2k] x[n-k], y[2n+1] = 2 sum h[2k+1] x[n-k]: the factor 2 restores
                // the energy the inserted zeros took away.
                var even = PcmMath.Dot(EvenPhase, _work.AsSpan(n, EvenPhase.Length));
                var odd = PcmMath.Dot(OddPhase, _work.AsSpan(n + EvenPhase.Length - OddPhase.Length, OddPhase.Length));
                output[written++] = PcmMath.Saturate(2 * even);
                output[written++] = PcmMath.Saturate(2 * odd);
            }

            _work.AsSpan(count, History).CopyTo(_work);
            input = input[count..];
        }

        return written;
    }

    public void Reset() => Array.Clear(_work);

    private static float[] Phase(int phase)
    {
        var h = ResamplingFilter.Coefficients;
        var length = (h.Length - phase + 1) / 2;
        var taps = new float[length];
        for (var k = 0; k < length; k++)
        {
            taps[length - 1 - k] = h[(2 * k) + phase];
        }

        return taps;
    }
}
