using System.Diagnostics.CodeAnalysis;

using CallService.Sip.Media;

namespace CallService.Sip.Sdp;

/// <summary>
/// How one of our audio codecs appears in SDP and RTP (RFC 3551 table 4): static payload type, encoding
/// name, RTP clock rate, and the audio sampling rate behind it.
/// </summary>
public sealed class SdpCodec
{
    private SdpCodec(AudioCodecKind kind, int payloadType, string encodingName, int clockRate, int sampleRate)
    {
        Kind = kind;
        PayloadType = payloadType;
        EncodingName = encodingName;
        ClockRate = clockRate;
        SampleRate = sampleRate;
    }

    /// <summary>PCMU: payload type 0, 8000 Hz.</summary>
    public static SdpCodec Pcmu { get; } = new(AudioCodecKind.Pcmu, 0, "PCMU", 8000, 8000);

    /// <summary>PCMA: payload type 8, 8000 Hz.</summary>
    public static SdpCodec Pcma { get; } = new(AudioCodecKind.Pcma, 8, "PCMA", 8000, 8000);

    /// <summary>
    /// G722: payload type 9. RFC 3551 4.5.2: the RTP clock rate is 8000 Hz although the audio is sampled
    /// at 16000 Hz, an error in RFC 1890 kept for compatibility.
    /// </summary>
    public static SdpCodec G722 { get; } = new(AudioCodecKind.G722, 9, "G722", 8000, 16000);

    /// <summary>Every codec we speak, PCMU first.</summary>
    public static IReadOnlyList<SdpCodec> All { get; } = [Pcmu, Pcma, G722];

    /// <summary>Which codec this is.</summary>
    public AudioCodecKind Kind { get; }

    /// <summary>The static RTP payload type (RFC 3551 6).</summary>
    public int PayloadType { get; }

    /// <summary>The encoding name of a=rtpmap.</summary>
    public string EncodingName { get; }

    /// <summary>The RTP timestamp clock rate in Hz (8000 for all three).</summary>
    public int ClockRate { get; }

    /// <summary>The audio sampling rate in Hz (16000 for G.722).</summary>
    public int SampleRate { get; }

    /// <summary>Mono: all three codecs have one channel.</summary>
    public int Channels => 1;

    /// <summary>The codec description of a kind.</summary>
    public static SdpCodec For(AudioCodecKind kind) => kind switch
    {
        AudioCodecKind.Pcmu => Pcmu,
        AudioCodecKind.Pcma => Pcma,
        AudioCodecKind.G722 => G722,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown audio codec."),
    };

    /// <summary>The codec a static payload type stands for without an rtpmap (RFC 3551 6).</summary>
    public static bool TryFromStaticPayloadType(int payloadType, [NotNullWhen(true)] out SdpCodec? codec)
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

    /// <summary>
    /// The codec an rtpmap names: encoding name compared case-insensitively (RFC 4855 3), the clock
    /// rate must match and the channel count, when given, must be 1.
    /// </summary>
    public static bool TryFromRtpMap(SdpRtpMap rtpMap, [NotNullWhen(true)] out SdpCodec? codec)
    {
        ArgumentNullException.ThrowIfNull(rtpMap);
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.EncodingName, rtpMap.EncodingName, StringComparison.OrdinalIgnoreCase) &&
                candidate.ClockRate == rtpMap.ClockRate &&
                rtpMap.Channels is null or 1)
            {
                codec = candidate;
                return true;
            }
        }

        codec = null;
        return false;
    }

    /// <summary>
    /// The codec a payload type of a media description stands for: its rtpmap when there is one (an
    /// rtpmap overrides the static table), else the static assignment.
    /// </summary>
    public static bool TryResolve(MediaDescription media, int payloadType, [NotNullWhen(true)] out SdpCodec? codec)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.FindRtpMap(payloadType) is { } rtpMap
            ? TryFromRtpMap(rtpMap, out codec)
            : TryFromStaticPayloadType(payloadType, out codec);
    }

    /// <summary>The rtpmap for this codec under a payload type.</summary>
    public SdpRtpMap ToRtpMap(int payloadType) => new(payloadType, EncodingName, ClockRate);

    /// <summary>RTP timestamp units in one packet of <paramref name="ptimeMilliseconds"/> (160 for 20 ms).</summary>
    public int TimestampUnits(int ptimeMilliseconds) => ClockRate / 1000 * ptimeMilliseconds;

    /// <inheritdoc/>
    public override string ToString() => $"{EncodingName}/{ClockRate}";
}
