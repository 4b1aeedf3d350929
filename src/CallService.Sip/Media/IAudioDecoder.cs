namespace CallService.Sip.Media;

/// <summary>
/// Decodes RTP payload bytes into 16-bit linear PCM at the codec's sample rate. One instance per
/// direction per stream: a decoder may keep state between frames (G.722 ADPCM). Not thread-safe;
/// does not allocate per call.
/// </summary>
public interface IAudioDecoder
{
    AudioCodec Codec { get; }

    /// <summary>
    /// Decodes <paramref name="payload"/> into <paramref name="pcm"/> and returns the samples written
    /// (<see cref="AudioCodec.SamplesForPayloadBytes"/>). Throws <see cref="ArgumentException"/> when
    /// <paramref name="pcm"/> is too small.
    /// </summary>
    int Decode(ReadOnlySpan<byte> payload, Span<short> pcm);

    /// <summary>Forgets the state carried between frames (a new stream starts).</summary>
    void Reset();
}
