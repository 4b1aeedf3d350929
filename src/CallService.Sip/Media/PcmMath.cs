using System.Numerics;
using System.Runtime.InteropServices;

namespace CallService.Sip.Media;

/// <summary>Small numeric kernels shared by the media code (no allocation).</summary>
internal static class PcmMath
{
    /// <summary>Rounds and saturates a sample in 16-bit units to a 16-bit sample.</summary>
    public static short Saturate(float value)
    {
        var rounded = MathF.Round(value);
        return rounded >= short.MaxValue ? short.MaxValue : rounded <= short.MinValue ? short.MinValue : (short)rounded;
    }

    /// <summary>Converts a normalised float sample (-1..1, NAudio's convention) to 16-bit.</summary>
    public static short FromNormalised(float value) => Saturate(value * 32768f);

    /// <summary>The dot product of two equally long spans, vectorised.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a[..length]);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..length]);
            var acc = Vector<float>.Zero;
            for (var v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
