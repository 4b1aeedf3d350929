using NAudio.Wave;

namespace CallService.Tests.Media;

/// <summary>Deterministic test signals and WAV files written the way real tools write them.</summary>
internal static class TestSignals
{
    public static short[] Sine(int sampleRate, double frequencyHz, int samples, double amplitude = 10000)
    {
        var pcm = new short[samples];
        for (var i = 0; i < samples; i++)
        {
            pcm[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRate));
        }

        return pcm;
    }

    /// <summary>A sum of tones (each with its own amplitude), as 16-bit PCM.</summary>
    public static short[] Tones(int sampleRate, int samples, params (double Hz, double Amplitude)[] tones)
    {
        var pcm = new short[samples];
        for (var i = 0; i < samples; i++)
        {
            var value = 0.0;
            foreach (var (hz, amplitude) in tones)
            {
                value += amplitude * Math.Sin(2 * Math.PI * hz * i / sampleRate);
            }

            pcm[i] = (short)Math.Round(value);
        }

        return pcm;
    }

    /// <summary>
    /// Noise confined to <paramref name="lowHz"/>..<paramref name="highHz"/>: many tones of random
    /// frequency and phase (no common period within a few seconds), RMS about 3000.
    /// </summary>
    public static short[] BandLimitedNoise(int sampleRate, int samples, double lowHz, double highHz, int seed)
    {
        var random = new Random(seed);
        var tones = new (double Hz, double Phase)[60];
        for (var t = 0; t < tones.Length; t++)
        {
            tones[t] = (lowHz + (random.NextDouble() * (highHz - lowHz)), random.NextDouble() * 2 * Math.PI);
        }

        var amplitude = 3000 * Math.Sqrt(2.0 / tones.Length);
        var pcm = new short[samples];
        for (var i = 0; i < samples; i++)
        {
            var value = 0.0;
            foreach (var (hz, phase) in tones)
            {
                value += Math.Sin((2 * Math.PI * hz * i / sampleRate) + phase);
            }

            pcm[i] = (short)Math.Clamp(Math.Round(value * amplitude), short.MinValue, short.MaxValue);
        }

        return pcm;
    }

    /// <summary>
    /// Speech-like noise normalised to -1..1: low-passed white noise under a 4 Hz syllable envelope,
    /// different for every seed.
    /// </summary>
    public static float[] SpeechLike(int sampleRate, double seconds, int seed)
    {
        var random = new Random(seed);
        var samples = new float[(int)(sampleRate * seconds)];
        double low1 = 0, low2 = 0;
        var alpha = 1 - Math.Exp(-2 * Math.PI * 1500.0 / sampleRate);
        for (var i = 0; i < samples.Length; i++)
        {
            var white = (random.NextDouble() * 2) - 1;
            low1 += alpha * (white - low1);
            low2 += alpha * (low1 - low2);
            var envelope = 0.55 + (0.45 * Math.Sin(2 * Math.PI * 4 * i / sampleRate));
            samples[i] = (float)(low2 * envelope);
        }

        return samples;
    }

    public static short[] ToPcm(ReadOnlySpan<float> samples)
    {
        var pcm = new short[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            pcm[i] = (short)Math.Clamp(Math.Round(samples[i] * 32767.0), short.MinValue, short.MaxValue);
        }

        return pcm;
    }

    /// <summary>
    /// Writes a WAV file with NAudio's writer: <paramref name="bits"/> 8/16/24/32-bit PCM or, when
    /// <paramref name="isFloat"/>, 32-bit IEEE float; <paramref name="signal"/> gives the value
    /// (-1..1) of each frame and channel.
    /// </summary>
    public static void WriteWav(string path, int sampleRate, int channels, int bits, bool isFloat, int frames, Func<int, int, double> signal, bool extensible = false)
    {
        var format = isFloat
            ? WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, channels)
            : extensible ? new WaveFormatExtensible(sampleRate, bits, channels) : new WaveFormat(sampleRate, bits, channels);
        var bytesPerSample = bits / 8;
        var data = new byte[frames * channels * bytesPerSample];
        var offset = 0;
        for (var f = 0; f < frames; f++)
        {
            for (var c = 0; c < channels; c++)
            {
                var value = Math.Clamp(signal(f, c), -1.0, 1.0);
                if (isFloat)
                {
                    BitConverter.TryWriteBytes(data.AsSpan(offset), (float)value);
                }
                else if (bits == 8)
                {
                    data[offset] = (byte)Math.Round(128 + (value * 127));
                }
                else
                {
                    var max = (1L << (bits - 1)) - 1;
                    var integer = (long)Math.Round(value * max);
                    for (var b = 0; b < bytesPerSample; b++)
                    {
                        data[offset + b] = (byte)(integer >> (8 * b));
                    }
                }

                offset += bytesPerSample;
            }
        }

        using var writer = new WaveFileWriter(path, format);
        writer.Write(data, 0, data.Length);
    }

    /// <summary>Writes a WAV file of a custom encoding with raw data bytes.</summary>
    public static void WriteRawWav(string path, WaveFormat format, byte[] data)
    {
        using var writer = new WaveFileWriter(path, format);
        writer.Write(data, 0, data.Length);
    }

    /// <summary>Encodes PCM in 20 ms frames with one encoder (one stream) and returns the concatenated payload.</summary>
    public static byte[] EncodeStream(CallService.Sip.Media.IAudioEncoder encoder, ReadOnlySpan<short> pcm)
    {
        var codec = encoder.Codec;
        var payload = new byte[codec.PayloadBytesForSamples(pcm.Length)];
        var written = 0;
        for (var i = 0; i < pcm.Length; i += codec.SamplesPerFrame)
        {
            var count = Math.Min(codec.SamplesPerFrame, pcm.Length - i);
            written += encoder.Encode(pcm.Slice(i, count), payload.AsSpan(written));
        }

        return payload;
    }

    /// <summary>Decodes a payload stream in 20 ms frames with one decoder.</summary>
    public static short[] DecodeStream(CallService.Sip.Media.IAudioDecoder decoder, ReadOnlySpan<byte> payload)
    {
        var codec = decoder.Codec;
        var pcm = new short[codec.SamplesForPayloadBytes(payload.Length)];
        var written = 0;
        for (var i = 0; i < payload.Length; i += codec.PayloadBytesPerFrame)
        {
            var count = Math.Min(codec.PayloadBytesPerFrame, payload.Length - i);
            written += decoder.Decode(payload.Slice(i, count), pcm.AsSpan(written));
        }

        return pcm;
    }
}
