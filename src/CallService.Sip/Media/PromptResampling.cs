using NAudio.Wave.SampleProviders;

namespace CallService.Sip.Media;

/// <summary>
/// Converts a prompt's mono signal to the codec rates once at start-up with NAudio's WDL
/// resampler (windowed sinc, any ratio), to an exact length so every codec's copy has the same
/// duration. Allocates; not for the media path.
/// </summary>
internal static class PromptResampling
{
    public static short[] To16Bit(float[] mono, int fromRate, int toRate, int length)
    {
        var result = new short[length];
        if (fromRate == toRate)
        {
            var count = Math.Min(length, mono.Length);
            for (var i = 0; i < count; i++)
            {
                result[i] = PcmMath.FromNormalised(mono[i]);
            }

            return result;
        }

        var resampler = new WdlResamplingSampleProvider(new FloatArraySampleProvider(mono, fromRate), toRate);
        var buffer = new float[4096];
        var written = 0;
        while (written < length)
        {
            var read = resampler.Read(buffer.AsSpan(0, Math.Min(buffer.Length, length - written)));
            if (read == 0)
            {
                break;
            }

            for (var i = 0; i < read; i++)
            {
                result[written + i] = PcmMath.FromNormalised(buffer[i]);
            }

            written += read;
        }

        // A resampler that stops a few samples short leaves the tail at zero (silence).
        return result;
    }
}
