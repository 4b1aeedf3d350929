using NAudio.Codecs;
using NAudio.Wave;

namespace CallService.Sip.Media;

/// <summary>
/// Reads a G.711 (mu-law or A-law) WAV file as float samples, decoding with NAudio's tables: telephony
/// prompts are often stored this way and NAudio's converters only take PCM and float.
/// </summary>
internal sealed class G711WaveSampleProvider : ISampleProvider
{
    private readonly IWaveProvider _source;
    private readonly bool _muLaw;
    private readonly byte[] _bytes = new byte[4096];

    public G711WaveSampleProvider(IWaveProvider source)
    {
        _source = source;
        _muLaw = source.WaveFormat.Encoding == WaveFormatEncoding.MuLaw;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, source.WaveFormat.Channels);
    }

    public WaveFormat WaveFormat { get; }

    public int Read(Span<float> buffer)
    {
        var count = _source.Read(_bytes.AsSpan(0, Math.Min(buffer.Length, _bytes.Length)));
        for (var i = 0; i < count; i++)
        {
            var linear = _muLaw ? MuLawDecoder.MuLawToLinearSample(_bytes[i]) : ALawDecoder.ALawToLinearSample(_bytes[i]);
            buffer[i] = linear / 32768f;
        }

        return count;
    }
}
