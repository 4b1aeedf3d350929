using NAudio.Codecs;

namespace CallService.Sip.Media;

/// <summary>
/// G.722 encoder at 64 kbit/s (RFC 3551 4.5.2): 16 kHz PCM in, one octet per two samples out.
/// ADPCM keeps its state in a <see cref="G722CodecState"/>, so one instance serves one direction of
/// one stream. NAudio's codec takes arrays, so frames pass through buffers owned by the encoder.
/// </summary>
public sealed class G722Encoder : IAudioEncoder
{
    // G.722 at 64 kbit/s (mode 1): 8 bits per pair of samples.
    internal const int BitRate = 64000;
    private const int ChunkSamples = 320;

    private readonly G722Codec _codec = new();
    private readonly short[] _pcm = new short[ChunkSamples];
    private readonly byte[] _encoded = new byte[ChunkSamples / 2];
    private G722CodecState _state = new(BitRate, G722Flags.None);

    public AudioCodec Codec => AudioCodec.G722;

    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        if ((pcm.Length & 1) != 0)
        {
            throw new ArgumentException("G.722 encodes pairs of samples; the sample count must be even.", nameof(pcm));
        }

        CodecGuard.EnsureCapacity(payload.Length, pcm.Length / 2, nameof(payload));
        var written = 0;
        while (!pcm.IsEmpty)
        {
            var count = Math.Min(pcm.Length, ChunkSamples);
            pcm[..count].CopyTo(_pcm);
            var bytes = _codec.Encode(_state, _encoded, _pcm, count);
            _encoded.AsSpan(0, bytes).CopyTo(payload[written..]);
            written += bytes;
            pcm = pcm[count..];
        }

        return written;
    }

    public void Reset() => _state = new G722CodecState(BitRate, G722Flags.None);
}
