namespace CallService.Sip.Media;

/// <summary>
/// Audio encoded once into consecutive 20 ms frames of one codec, shared read-only by every call
/// that plays it (prompts, tone cycles, silence). Sources keep their own position and copy a frame
/// into the packet; the frames themselves are never copied per call.
/// </summary>
public sealed class EncodedFrames
{
    private readonly byte[] _payload;

    private EncodedFrames(AudioCodec codec, byte[] payload, int frameCount)
    {
        Codec = codec;
        _payload = payload;
        FrameCount = frameCount;
    }

    public AudioCodec Codec { get; }

    public int FrameCount { get; }

    /// <summary>Bytes per frame: <see cref="AudioCodec.PayloadBytesPerFrame"/> (160).</summary>
    public int FrameLength => Codec.PayloadBytesPerFrame;

    /// <summary>All frames back to back (the stream a decoder would see).</summary>
    public ReadOnlyMemory<byte> Payload => _payload;

    /// <summary>The payload of frame <paramref name="index"/> (0-based).</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FrameCount);
            return _payload.AsSpan(index * FrameLength, FrameLength);
        }
    }

    /// <summary>
    /// Encodes <paramref name="pcm"/> (at the codec's sample rate) with <paramref name="encoder"/> into
    /// whole frames, padding the last frame with silence.
    /// </summary>
    public static EncodedFrames Encode(IAudioEncoder encoder, ReadOnlySpan<short> pcm)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var codec = encoder.Codec;
        var samplesPerFrame = codec.SamplesPerFrame;
        var frameCount = (pcm.Length + samplesPerFrame - 1) / samplesPerFrame;
        var payload = new byte[frameCount * codec.PayloadBytesPerFrame];
        var whole = pcm.Length / samplesPerFrame * samplesPerFrame;
        var written = encoder.Encode(pcm[..whole], payload);
        if (whole < pcm.Length)
        {
            Span<short> last = stackalloc short[samplesPerFrame];
            last.Clear();
            pcm[whole..].CopyTo(last);
            encoder.Encode(last, payload.AsSpan(written));
        }

        return new EncodedFrames(codec, payload, frameCount);
    }
}
