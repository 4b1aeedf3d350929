using System.Diagnostics.CodeAnalysis;

namespace CallService.Sip.Media;

/// <summary>
/// A call-progress tone: one or more frequencies sounded to an on/off cadence (ITU-T E.180 and its
/// national supplements). Segments alternate on, off, on, ... starting with on; the cycle repeats.
/// The presets are the ringback tones of China, the US and the UK; one cycle is one ring.
/// </summary>
public sealed class ToneCadence
{
    /// <summary>The default peak level of the summed tone, in dB below full scale.</summary>
    public const double DefaultLevelDbfs = -10;

    /// <summary>The longest cycle accepted (the cycle is held encoded in memory).</summary>
    public const int MaxPeriodMs = 30_000;

    private readonly int[] _segmentsMs;
    private readonly double[] _frequenciesHz;

    /// <summary>
    /// A custom cadence. <paramref name="segmentsMs"/> lists on and off durations in milliseconds
    /// (on first); <paramref name="frequenciesHz"/> are summed while on (each below 4000 Hz so they
    /// survive 8 kHz codecs). <paramref name="levelDbfs"/> is the peak of the sum.
    /// </summary>
    public ToneCadence(string name, IReadOnlyList<double> frequenciesHz, IReadOnlyList<int> segmentsMs, double levelDbfs = DefaultLevelDbfs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(frequenciesHz);
        ArgumentNullException.ThrowIfNull(segmentsMs);
        if (frequenciesHz.Count == 0 || frequenciesHz.Any(f => !(f > 0 && f < 4000)))
        {
            throw new ArgumentException("A tone needs one or more frequencies above 0 and below 4000 Hz.", nameof(frequenciesHz));
        }

        if (segmentsMs.Count == 0 || segmentsMs.Any(ms => ms <= 0))
        {
            throw new ArgumentException("A cadence needs one or more on/off durations, each a positive number of milliseconds.", nameof(segmentsMs));
        }

        if (segmentsMs.Sum(ms => (long)ms) > MaxPeriodMs)
        {
            throw new ArgumentException($"A cadence cycle must not last more than {MaxPeriodMs} ms.", nameof(segmentsMs));
        }

        if (!(levelDbfs <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(levelDbfs), levelDbfs, "The tone level must be at or below full scale (0 dBFS).");
        }

        Name = name;
        _frequenciesHz = [.. frequenciesHz];
        _segmentsMs = [.. segmentsMs];
        LevelDbfs = levelDbfs;
        PeriodMs = _segmentsMs.Sum();
    }

    /// <summary>China (GB/T 3380 / YD/T 1258): 450 Hz, 1 s on, 4 s off; one ring = 5 s.</summary>
    public static ToneCadence China { get; } = new("cn", [450], [1000, 4000]);

    /// <summary>North America (ATIS-0600311): 440 + 480 Hz, 2 s on, 4 s off; one ring = 6 s.</summary>
    public static ToneCadence UnitedStates { get; } = new("us", [440, 480], [2000, 4000]);

    /// <summary>United Kingdom (SIN 350): 400 + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off; one ring = 3 s.</summary>
    public static ToneCadence UnitedKingdom { get; } = new("uk", [400, 450], [400, 200, 400, 2000]);

    public string Name { get; }

    public IReadOnlyList<double> FrequenciesHz => _frequenciesHz;

    /// <summary>On/off durations in milliseconds, on first.</summary>
    public IReadOnlyList<int> SegmentsMs => _segmentsMs;

    public double LevelDbfs { get; }

    /// <summary>One full cycle in milliseconds (China: 5000 = one ring).</summary>
    public int PeriodMs { get; }

    /// <summary>One full cycle (China: 5 s = one ring).</summary>
    public TimeSpan Period => TimeSpan.FromMilliseconds(PeriodMs);

    /// <summary>Finds a preset by its configuration name: "cn", "us" or "uk" (case-insensitive).</summary>
    public static bool TryGetPreset(string name, [NotNullWhen(true)] out ToneCadence? cadence)
    {
        cadence = name?.ToUpperInvariant() switch
        {
            "CN" => China,
            "US" => UnitedStates,
            "UK" => UnitedKingdom,
            _ => null,
        };
        return cadence is not null;
    }

    /// <summary>The phase at <paramref name="elapsed"/> since the tone started (negative counts as 0).</summary>
    public CadencePhase PhaseAt(TimeSpan elapsed)
    {
        var ticks = Math.Max(0, elapsed.Ticks);
        var periodTicks = PeriodMs * TimeSpan.TicksPerMillisecond;
        var cycle = ticks / periodTicks;
        var into = ticks - (cycle * periodTicks);
        for (var segment = 0; ; segment++)
        {
            var length = _segmentsMs[segment] * TimeSpan.TicksPerMillisecond;
            if (into < length || segment == _segmentsMs.Length - 1)
            {
                return new CadencePhase(cycle, segment, IsToneSegment(segment), TimeSpan.FromTicks(into), TimeSpan.FromTicks(length));
            }

            into -= length;
        }
    }

    /// <summary>The phase in which the 20 ms frame <paramref name="frameIndex"/> (0-based) starts.</summary>
    public CadencePhase PhaseOfFrame(long frameIndex) => PhaseAt(TimeSpan.FromMilliseconds(frameIndex * (double)AudioCodec.FrameMilliseconds));

    /// <summary>Rings heard after <paramref name="elapsed"/>, fractional (China: 7.5 s = 1.5 rings).</summary>
    public double RingsAt(TimeSpan elapsed) => Math.Max(0, elapsed.Ticks) / (double)(PeriodMs * TimeSpan.TicksPerMillisecond);

    /// <summary>Even segments sound, odd segments are silent.</summary>
    public static bool IsToneSegment(int segment) => (segment & 1) == 0;

    /// <summary>
    /// Writes the tone of <paramref name="cycles"/> whole cycles at <paramref name="sampleRate"/>. Each
    /// on segment starts at phase 0 and fades in and out over 2 ms so the edges do not click.
    /// </summary>
    internal short[] Synthesize(int sampleRate, int cycles)
    {
        var cycleSamples = (int)((long)PeriodMs * sampleRate / 1000);
        var pcm = new short[cycleSamples * cycles];
        var amplitude = Math.Pow(10, LevelDbfs / 20) * short.MaxValue / _frequenciesHz.Length;
        var ramp = sampleRate / 500;
        for (var cycle = 0; cycle < cycles; cycle++)
        {
            var segmentStartMs = 0;
            for (var segment = 0; segment < _segmentsMs.Length; segment++)
            {
                var start = (int)((long)segmentStartMs * sampleRate / 1000);
                segmentStartMs += _segmentsMs[segment];
                var end = (int)((long)segmentStartMs * sampleRate / 1000);
                if (!IsToneSegment(segment))
                {
                    continue;
                }

                var length = end - start;
                var offset = cycle * cycleSamples;
                for (var i = 0; i < length; i++)
                {
                    var value = 0.0;
                    foreach (var f in _frequenciesHz)
                    {
                        value += Math.Sin(2 * Math.PI * f * i / sampleRate);
                    }

                    var edge = Math.Min(i, length - 1 - i);
                    var gain = edge >= ramp ? 1.0 : 0.5 - (0.5 * Math.Cos(Math.PI * edge / ramp));
                    pcm[offset + start + i] = (short)Math.Round(value * amplitude * gain);
                }
            }
        }

        return pcm;
    }

    public override string ToString() => $"{Name}: {string.Join("+", _frequenciesHz)} Hz, {string.Join("/", _segmentsMs)} ms";
}
