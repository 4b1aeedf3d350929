using NAudio.Codecs;

namespace CallService.Sip.Media;

/// <summary>G.711 A-law encoder (RFC 3551 4.5.14); stateless, sample by sample through NAudio.</summary>
public sealed class PcmaEncoder : IAudioEncoder
{
    public AudioCodec Codec => AudioCodec.Pcma;

    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        CodecGuard.EnsureCapacity(payload.Length, pcm.Length, nameof(payload));
        for (var i = 0; i < pcm.Length; i++)
        {
            payload[i] = ALawEncoder.LinearToALawSample(pcm[i]);
        }

        return pcm.Length;
    }

    public void Reset()
    {
        // G.711 carries no state between samples.
    }
}
