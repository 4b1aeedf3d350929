using NAudio.Codecs;

namespace CallService.Sip.Media;

/// <summary>G.711 mu-law encoder (RFC 3551 4.5.14); stateless, sample by sample through NAudio.</summary>
public sealed class PcmuEncoder : IAudioEncoder
{
    public AudioCodec Codec => AudioCodec.Pcmu;

    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        CodecGuard.EnsureCapacity(payload.Length, pcm.Length, nameof(payload));
        for (var i = 0; i < pcm.Length; i++)
        {
            payload[i] = MuLawEncoder.LinearToMuLawSample(pcm[i]);
        }

        return pcm.Length;
    }

    public void Reset()
    {
        // G.711 carries no state between samples.
    }
}
