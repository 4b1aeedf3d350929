using NAudio.Codecs;

namespace CallService.Sip.Media;

/// <summary>
/// G.722 decoder at 64 kbit/s (RFC 3551 4.5.2): one octet in, two 16 kHz samples out. Keeps the
/// ADPCM and QMF state of one direction of one stream.
/// </summary>
public sealed class G722Decoder : IAudioDecoder
{
    private const int ChunkBytes = 160;

    private readonly G722Codec _codec = new();
    private readonly byte[] _encoded = new byte[ChunkBytes];
    private readonly short[] _pcm = new short[ChunkBytes * 2];
    private G722CodecState _state = new(G722Encoder.BitRate, G722Flags.None);

    public AudioCodec Codec => AudioCodec.G722;

    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        CodecGuard.EnsureCapacity(pcm.Length, payload.Length * 2, nameof(pcm));
        var written = 0;
        while (!payload.IsEmpty)
        {
            var count = Math.Min(payload.Length, ChunkBytes);
            payload[..count].CopyTo(_encoded);
            var samples = _codec.Decode(_state, _pcm, _encoded, count);
            _pcm.AsSpan(0, samples).CopyTo(pcm[written..]);
            written += samples;
            payload = payload[count..];
        }

        return written;
    }

    public void Reset() => _state = new G722CodecState(G722Encoder.BitRate, G722Flags.None);
}
