namespace CallService.Sip.Media;

/// <summary>
/// Converts the payload of one direction of one stream from one codec to another: decode, change
/// the sample rate when G.722 meets G.711 (<see cref="Upsampler2x"/> / <see cref="Downsampler2x"/>),
/// encode. All three codecs run at 64 kbit/s, so the output is as long as the input. Keeps the
/// codec and filter state between frames; one instance per direction per stream. Not thread-safe;
/// does not allocate per frame. When both codecs are the same the payload is copied untouched.
/// </summary>
public sealed class Transcoder
{
    // Work in pieces of at most one 20 ms frame so the scratch buffers have a fixed size.
    private const int ChunkBytes = 160;

    private readonly IAudioDecoder? _decoder;
    private readonly IPcmResampler? _resampler;
    private readonly IAudioEncoder? _encoder;
    private readonly short[] _decoded = new short[ChunkBytes * 2];
    private readonly short[] _resampled = new short[ChunkBytes * 2];

    public Transcoder(AudioCodecKind from, AudioCodecKind to)
    {
        From = AudioCodec.Get(from);
        To = AudioCodec.Get(to);
        if (from == to)
        {
            return;
        }

        _decoder = From.CreateDecoder();
        _encoder = To.CreateEncoder();
        if (From.SampleRate < To.SampleRate)
        {
            _resampler = new Upsampler2x();
        }
        else if (From.SampleRate > To.SampleRate)
        {
            _resampler = new Downsampler2x();
        }
    }

    public AudioCodec From { get; }

    public AudioCodec To { get; }

    /// <summary>True when <see cref="From"/> and <see cref="To"/> are the same codec (a plain copy).</summary>
    public bool IsPassThrough => _decoder is null;

    /// <summary>
    /// Transcodes <paramref name="input"/> (payload of <see cref="From"/>) into <paramref name="output"/>
    /// (payload of <see cref="To"/>) and returns the bytes written, which equals the input length.
    /// </summary>
    public int Transcode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        CodecGuard.EnsureCapacity(output.Length, input.Length, nameof(output));
        if (_decoder is null || _encoder is null)
        {
            input.CopyTo(output);
            return input.Length;
        }

        var written = 0;
        while (!input.IsEmpty)
        {
            var count = Math.Min(input.Length, ChunkBytes);
            var samples = _decoder.Decode(input[..count], _decoded);
            ReadOnlySpan<short> pcm = _decoded.AsSpan(0, samples);
            if (_resampler is not null)
            {
                var resampled = _resampler.Process(pcm, _resampled);
                pcm = _resampled.AsSpan(0, resampled);
            }

            written += _encoder.Encode(pcm, output[written..]);
            input = input[count..];
        }

        return written;
    }

    /// <summary>Clears the decoder, filter and encoder state (a new stream starts).</summary>
    public void Reset()
    {
        _decoder?.Reset();
        _resampler?.Reset();
        _encoder?.Reset();
    }
}
