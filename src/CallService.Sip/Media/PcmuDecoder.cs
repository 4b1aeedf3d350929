using NAudio.Codecs;

namespace CallService.Sip.Media;

/// <summary>G.711 mu-law decoder (RFC 3551 4.5.14); stateless, table lookup through NAudio.</summary>
public sealed class PcmuDecoder : IAudioDecoder
{
    public AudioCodec Codec => AudioCodec.Pcmu;

    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        CodecGuard.EnsureCapacity(pcm.Length, payload.Length, nameof(pcm));
        MuLawDecoder.Decode(payload, pcm);
        return payload.Length;
    }

    public void Reset()
    {
        // G.711 carries no state between samples.
    }
}
