namespace CallService.Sip.Media;

/// <summary>
/// The facts of one codec as RTP carries it (RFC 3551 4.5 and table 4), and the factory of its
/// per-stream encoder and decoder. The three instances are immutable and shared.
/// </summary>
public sealed class AudioCodec
{
    /// <summary>Every frame the service sends or receives lasts 20 ms (RFC 3551 4.5: default packetisation).</summary>
    public const int FrameMilliseconds = 20;

    /// <summary><see cref="FrameMilliseconds"/> as a <see cref="TimeSpan"/>.</summary>
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(FrameMilliseconds);

    // RFC 3551 4.5.14: PCMU/PCMA, 8000 Hz, one octet per sample.
    public static AudioCodec Pcmu { get; } = new(AudioCodecKind.Pcmu, "PCMU", 0, 8000);

    public static AudioCodec Pcma { get; } = new(AudioCodecKind.Pcma, "PCMA", 8, 8000);

    // RFC 3551 4.5.2: G.722 samples at 16000 Hz but its RTP clock rate is 8000 Hz (an error in
    // RFC 1890 kept for compatibility); 64 kbit/s = one octet per two samples.
    public static AudioCodec G722 { get; } = new(AudioCodecKind.G722, "G722", 9, 16000);

    /// <summary>The three codecs in preference order of the service (wideband first).</summary>
    public static IReadOnlyList<AudioCodec> All { get; } = [G722, Pcmu, Pcma];

    private AudioCodec(AudioCodecKind kind, string encodingName, byte payloadType, int sampleRate)
    {
        Kind = kind;
        EncodingName = encodingName;
        PayloadType = payloadType;
        SampleRate = sampleRate;
    }

    public AudioCodecKind Kind { get; }

    /// <summary>The encoding name of the SDP rtpmap attribute (RFC 4566 6, RFC 3551 table 4).</summary>
    public string EncodingName { get; }

    /// <summary>The static RTP payload type (RFC 3551 table 4).</summary>
    public byte PayloadType { get; }

    /// <summary>The audio sampling rate the codec works at (8000 or 16000 Hz).</summary>
    public int SampleRate { get; }

    /// <summary>The RTP timestamp clock rate: 8000 Hz for all three (RFC 3551 4.5.2 for G.722).</summary>
    public int RtpClockRate => 8000;

    /// <summary>Always 1: telephony audio is mono.</summary>
    public int Channels => 1;

    /// <summary>PCM samples in one 20 ms frame at <see cref="SampleRate"/> (160 or 320).</summary>
    public int SamplesPerFrame => SampleRate * FrameMilliseconds / 1000;

    /// <summary>Encoded bytes in one 20 ms frame: 160 for all three (64 kbit/s).</summary>
    public int PayloadBytesPerFrame => PayloadBytesForSamples(SamplesPerFrame);

    /// <summary>The RTP timestamp advance per 20 ms frame: 160 for all three.</summary>
    public int RtpTimestampIncrement => RtpClockRate * FrameMilliseconds / 1000;

    /// <summary>Encoded bytes for <paramref name="samples"/> PCM samples.</summary>
    public int PayloadBytesForSamples(int samples) => Kind == AudioCodecKind.G722 ? samples / 2 : samples;

    /// <summary>PCM samples a decoder produces from <paramref name="payloadBytes"/> encoded bytes.</summary>
    public int SamplesForPayloadBytes(int payloadBytes) => Kind == AudioCodecKind.G722 ? payloadBytes * 2 : payloadBytes;

    public static AudioCodec Get(AudioCodecKind kind) => kind switch
    {
        AudioCodecKind.Pcmu => Pcmu,
        AudioCodecKind.Pcma => Pcma,
        AudioCodecKind.G722 => G722,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown audio codec."),
    };

    /// <summary>Finds a codec by its static payload type (0, 8 or 9).</summary>
    public static bool TryFromPayloadType(int payloadType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AudioCodec? codec)
    {
        codec = payloadType switch
        {
            0 => Pcmu,
            8 => Pcma,
            9 => G722,
            _ => null,
        };
        return codec is not null;
    }

    /// <summary>Finds a codec by its rtpmap encoding name; RFC 4566 6: the name is case-insensitive.</summary>
    public static bool TryFromEncodingName(ReadOnlySpan<char> name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AudioCodec? codec)
    {
        foreach (var candidate in All)
        {
            if (name.Equals(candidate.EncodingName, StringComparison.OrdinalIgnoreCase))
            {
                codec = candidate;
                return true;
            }
        }

        codec = null;
        return false;
    }

    /// <summary>A new encoder for one direction of one stream (G.722 keeps ADPCM state between frames).</summary>
    public IAudioEncoder CreateEncoder() => Kind switch
    {
        AudioCodecKind.Pcmu => new PcmuEncoder(),
        AudioCodecKind.Pcma => new PcmaEncoder(),
        _ => new G722Encoder(),
    };

    /// <summary>A new decoder for one direction of one stream.</summary>
    public IAudioDecoder CreateDecoder() => Kind switch
    {
        AudioCodecKind.Pcmu => new PcmuDecoder(),
        AudioCodecKind.Pcma => new PcmaDecoder(),
        _ => new G722Decoder(),
    };

    public override string ToString() => $"{EncodingName}/{RtpClockRate}";
}
