using NAudio.Codecs;

namespace CallService.Sip.Media;

/// <summary>G.711 A-law decoder (RFC 3551 4.5.14); stateless, table lookup through NAudio.</summary>
public sealed class PcmaDecoder : IAudioDecoder
{
    public AudioCodec Codec => AudioCodec.Pcma;

    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        CodecGuard.EnsureCapacity(pcm.Length, payload.Length, nameof(pcm));
        ALawDecoder.Decode(payload, pcm);
        return payload.Length;
    }

    public void Reset()
    {
        // G.711 carries no state between samples.
    }
}
