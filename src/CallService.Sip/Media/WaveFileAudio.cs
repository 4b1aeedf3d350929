using NAudio.Wave;

namespace CallService.Sip.Media;

/// <summary>
/// Reads a whole WAV file (any sample rate and channel count; 8/16/24/32-bit PCM, 32/64-bit float,
/// G.711) as mono float samples through NAudio's WaveFileReader and sample converters. Channels are
/// averaged, which keeps a centred voice at its level and cannot clip.
/// </summary>
internal static class WaveFileAudio
{
    private const int ChunkFrames = 4096;

    public readonly record struct MonoAudio(float[] Samples, int SampleRate);

    /// <summary>Reads <paramref name="wav"/>; on failure returns false with a reason and a detail.</summary>
    public static bool TryRead(Stream wav, out MonoAudio audio, out PromptLoadFailureReason reason, out string detail)
    {
        audio = default;
        reason = default;
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(wav);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException or ArgumentException or InvalidOperationException)
        {
            reason = PromptLoadFailureReason.InvalidWave;
            detail = e.Message;
            return false;
        }

        using (reader)
        {
            var format = reader.WaveFormat;
            detail = format.ToString();
            ISampleProvider samples;
            try
            {
                samples = format.Encoding is WaveFormatEncoding.MuLaw or WaveFormatEncoding.ALaw
                    ? new G711WaveSampleProvider(reader)
                    : reader.ToSampleProvider();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
            {
                reason = PromptLoadFailureReason.UnsupportedFormat;
                detail = $"{format}: {e.Message}";
                return false;
            }

            var channels = Math.Max(1, format.Channels);
            // Frames in the data chunk (SampleCount refuses non-PCM encodings such as G.711).
            var expectedFrames = format.BlockAlign > 0 ? reader.Length / format.BlockAlign : 0;
            if (expectedFrames > Array.MaxLength)
            {
                reason = PromptLoadFailureReason.UnsupportedFormat;
                detail = $"{format}: {expectedFrames} samples is too long for a prompt";
                return false;
            }

            float[] mono;
            try
            {
                mono = ReadMono(samples, channels, (int)expectedFrames);
            }
            catch (Exception e) when (e is IOException or EndOfStreamException or InvalidDataException)
            {
                reason = PromptLoadFailureReason.Unreadable;
                detail = e.Message;
                return false;
            }

            if (mono.Length == 0)
            {
                reason = PromptLoadFailureReason.NoAudio;
                return false;
            }

            audio = new MonoAudio(mono, format.SampleRate);
            return true;
        }
    }

    private static float[] ReadMono(ISampleProvider samples, int channels, int expectedFrames)
    {
        var mono = new float[expectedFrames];
        var chunk = new float[ChunkFrames * channels];
        var frames = 0;
        while (true)
        {
            var read = samples.Read(chunk) / channels;
            if (read == 0)
            {
                break;
            }

            if (frames + read > mono.Length)
            {
                Array.Resize(ref mono, Math.Max(frames + read, mono.Length * 2));
            }

            for (var f = 0; f < read; f++)
            {
                var sum = 0f;
                for (var c = 0; c < channels; c++)
                {
                    sum += chunk[(f * channels) + c];
                }

                mono[frames + f] = sum / channels;
            }

            frames += read;
        }

        return frames == mono.Length ? mono : mono[..frames];
    }
}
