namespace CallService.Sip.Media;

/// <summary>
/// Encodes 16-bit linear PCM at the codec's sample rate into RTP payload bytes. One instance per
/// direction per stream: an encoder may keep state between frames (G.722 ADPCM). Not thread-safe;
/// does not allocate per call.
/// </summary>
public interface IAudioEncoder
{
    AudioCodec Codec { get; }

    /// <summary>
    /// Encodes <paramref name="pcm"/> into <paramref name="payload"/> and returns the bytes written
    /// (<see cref="AudioCodec.PayloadBytesForSamples"/>). Throws <see cref="ArgumentException"/> when
    /// <paramref name="payload"/> is too small or, for G.722, the sample count is odd.
    /// </summary>
    int Encode(ReadOnlySpan<short> pcm, Span<byte> payload);

    /// <summary>Forgets the state carried between frames (a new stream starts).</summary>
    void Reset();
}
