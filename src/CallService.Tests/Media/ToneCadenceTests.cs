using CallService.Sip.Media;
using CallService.Tests.Support;

namespace CallService.Tests.Media;

public class ToneCadenceTests
{
    [Theory]
    [InlineData("cn", 5000, new[] { 1000, 4000 }, new[] { 450.0 })]
    [InlineData("us", 6000, new[] { 2000, 4000 }, new[] { 440.0, 480.0 })]
    [InlineData("UK", 3000, new[] { 400, 200, 400, 2000 }, new[] { 400.0, 450.0 })]
    public void Presets_have_their_national_cadence(string name, int periodMs, int[] segments, double[] frequencies)
    {
        Assert.True(ToneCadence.TryGetPreset(name, out var cadence));

        Assert.Equal(name.ToLowerInvariant(), cadence.Name);
        Assert.Equal(TimeSpan.FromMilliseconds(periodMs), cadence.Period);
        Assert.Equal(segments, cadence.SegmentsMs);
        Assert.Equal(frequencies, cadence.FrequenciesHz);
    }

    [Fact]
    public void Unknown_preset_is_not_found()
    {
        Assert.False(ToneCadence.TryGetPreset("fr", out _));
    }

    [Fact]
    public void China_ringback_is_exactly_50_tone_frames_then_200_silent_frames_per_ring()
    {
        var tone = new CadenceTone(ToneCadence.China);
        var frames = tone.GetFrames(AudioCodecKind.Pcmu);

        Assert.Equal(250, tone.FrameCount);
        Assert.Equal(1, tone.CyclesEncoded);
        for (var i = 0; i < 250; i++)
        {
            var frame = frames[i].ToArray();
            if (i < 50)
            {
                // Every tone frame is loud: even the first and last with their 2 ms ramps.
                var pcm = AudioMatch.Decode(AudioCodecKind.Pcmu, frame);
                Assert.True(ToneAnalysis.Rms(pcm) > 5000, $"frame {i} rms {ToneAnalysis.Rms(pcm)}");
            }
            else
            {
                Assert.All(frame, b => Assert.Equal(0xFF, b));
            }
        }
    }

    [Fact]
    public void China_ringback_sounds_at_450_Hz()
    {
        var tone = new CadenceTone(ToneCadence.China);
        var pcm = AudioMatch.Decode(AudioCodecKind.Pcma, tone.GetFrames(AudioCodecKind.Pcma).Payload.Span);
        var on = pcm.AsSpan(80, 7840);

        Assert.Equal(450, ToneAnalysis.DominantFrequency(on, 8000, 200, 1000, stepHz: 5));
        Assert.InRange(ToneAnalysis.ZeroCrossingFrequency(on, 8000), 448, 452);

        // -10 dBFS peak: 0.316 x 32767.
        Assert.InRange(ToneAnalysis.GoertzelAmplitude(on, 8000, 450), 10362 * 0.95, 10362 * 1.05);
        // A-law has no code for 0: its silence decodes to +-8.
        Assert.True(ToneAnalysis.Rms(pcm.AsSpan(8000, 32000)) <= 8);
    }

    [Fact]
    public void G722_ringback_keeps_the_cadence_and_the_frequency()
    {
        var tone = new CadenceTone(ToneCadence.China);
        var frames = tone.GetFrames(AudioCodecKind.G722);

        // Decode two cycles in a row, as a caller hears them, and look at the second.
        var decoder = AudioCodec.G722.CreateDecoder();
        var pcm = new short[320];
        for (var i = 0; i < 500; i++)
        {
            decoder.Decode(frames[i % 250], pcm);
            if (i < 250)
            {
                continue;
            }

            var rms = ToneAnalysis.Rms(pcm);
            if (i % 250 < 50)
            {
                Assert.True(rms > 5000, $"frame {i} rms {rms}");
                Assert.Equal(450, ToneAnalysis.DominantFrequency(pcm, 16000, 300, 700, stepHz: 10));
            }
            else if (i % 250 > 50)
            {
                // Frame 50 still carries the tone's last 22 samples (G.722's codec delay).
                Assert.True(rms < 40, $"frame {i} rms {rms}");
            }
        }
    }

    [Fact]
    public void US_ringback_is_100_frames_of_440_plus_480_Hz_then_200_silent()
    {
        var tone = new CadenceTone(ToneCadence.UnitedStates);
        var pcm = AudioMatch.Decode(AudioCodecKind.Pcmu, tone.GetFrames(AudioCodecKind.Pcmu).Payload.Span);

        Assert.Equal(300, tone.FrameCount);
        var on = pcm.AsSpan(80, 15840);
        var at440 = ToneAnalysis.GoertzelAmplitude(on, 8000, 440);
        var at480 = ToneAnalysis.GoertzelAmplitude(on, 8000, 480);
        Assert.InRange(at440, 5181 * 0.95, 5181 * 1.05);
        Assert.InRange(at480, 5181 * 0.95, 5181 * 1.05);
        Assert.True(ToneAnalysis.GoertzelAmplitude(on, 8000, 400) < 200);
        Assert.True(pcm.AsSpan(16000).ToArray().All(s => s == 0));
    }

    [Fact]
    public void UK_ringback_follows_its_double_ring()
    {
        var tone = new CadenceTone(ToneCadence.UnitedKingdom);
        var frames = tone.GetFrames(AudioCodecKind.Pcmu);

        // 0.4 s on, 0.2 s off, 0.4 s on, 2 s off = 20, 10, 20, 100 frames.
        Assert.Equal(150, tone.FrameCount);
        for (var i = 0; i < 150; i++)
        {
            var expectTone = i < 20 || (i >= 30 && i < 50);
            var silent = frames[i].ToArray().All(b => b == 0xFF);
            Assert.True(expectTone != silent, $"frame {i}");
            Assert.Equal(expectTone, ToneCadence.UnitedKingdom.PhaseOfFrame(i).IsTone);
        }
    }

    [Fact]
    public void Phases_locate_an_instant_in_the_cadence()
    {
        var cn = ToneCadence.China;

        Assert.Equal(new CadencePhase(0, 0, true, TimeSpan.Zero, TimeSpan.FromSeconds(1)), cn.PhaseAt(TimeSpan.Zero));
        Assert.Equal(new CadencePhase(0, 1, false, TimeSpan.Zero, TimeSpan.FromSeconds(4)), cn.PhaseAt(TimeSpan.FromSeconds(1)));
        Assert.Equal(new CadencePhase(0, 1, false, TimeSpan.FromMilliseconds(3999), TimeSpan.FromSeconds(4)), cn.PhaseAt(TimeSpan.FromMilliseconds(4999)));
        var second = cn.PhaseAt(TimeSpan.FromSeconds(5));
        Assert.Equal(1, second.Cycle);
        Assert.Equal(2, second.Ring);
        Assert.True(second.IsTone);
        Assert.Equal(2, cn.PhaseAt(TimeSpan.FromSeconds(10.5)).Cycle);

        Assert.True(cn.PhaseOfFrame(49).IsTone);
        Assert.False(cn.PhaseOfFrame(50).IsTone);
        Assert.False(cn.PhaseOfFrame(249).IsTone);
        Assert.Equal(2, cn.PhaseOfFrame(250).Ring);

        Assert.Equal(1.5, cn.RingsAt(TimeSpan.FromSeconds(7.5)));
        Assert.Equal(0, cn.RingsAt(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void A_ringback_source_loops_the_shared_cycle_and_knows_each_frame_phase()
    {
        var tone = new CadenceTone(ToneCadence.China);
        var frames = tone.GetFrames(AudioCodecKind.Pcmu);
        var source = tone.CreateSource(AudioCodecKind.Pcmu);
        var payload = new byte[160];

        for (long i = 0; i < 750; i++)
        {
            var phase = source.CurrentPhase;
            Assert.Equal(i, source.FrameIndex);
            Assert.Equal((i / 250) + 1, phase.Ring);
            Assert.Equal(i % 250 < 50, phase.IsTone);
            Assert.Equal(phase, source.PhaseOfFrame(i));

            Assert.Equal(160, source.ReadFrame(payload));
            Assert.True(payload.AsSpan().SequenceEqual(frames[(int)(i % 250)]));
            Assert.False(source.IsFinished);
        }

        Assert.Equal(TimeSpan.FromSeconds(15), source.Elapsed);
        Assert.Equal(3.0, source.Rings);
        Assert.Same(ToneCadence.China, source.Cadence);

        source.Restart();
        Assert.Equal(0, source.FrameIndex);
        source.ReadFrame(payload);
        Assert.True(payload.AsSpan().SequenceEqual(frames[0]));
    }

    [Fact]
    public void Every_call_shares_the_one_encoded_cycle()
    {
        var tone = new CadenceTone(ToneCadence.UnitedStates);
        var a = new RingbackSource(tone, AudioCodecKind.G722);
        var b = new RingbackSource(tone, AudioCodecKind.G722);
        var payload = new byte[160];

        a.ReadFrame(payload);
        a.ReadFrame(payload);

        Assert.Same(tone.GetFrames(AudioCodecKind.G722), a.Frames);
        Assert.Same(a.Frames, b.Frames);
        Assert.Equal(2, a.FrameIndex);
        Assert.Equal(0, b.FrameIndex);
    }

    [Fact]
    public void Reading_ringback_frames_does_not_allocate()
    {
        var source = new CadenceTone(ToneCadence.UnitedKingdom).CreateSource(AudioCodecKind.Pcma);
        var payload = new byte[160];
        source.ReadFrame(payload);

        Assert.Equal(0, Allocations.Measure(400, () =>
        {
            source.ReadFrame(payload);
        }));
    }

    [Fact]
    public void A_custom_cadence_off_the_20_ms_grid_encodes_enough_cycles_to_loop_on_frames()
    {
        // 350 + 375 = 725 ms: four cycles make 2900 ms = 145 whole frames.
        var cadence = new ToneCadence("custom", [425], [350, 375]);
        var tone = new CadenceTone(cadence);

        Assert.Equal(4, tone.CyclesEncoded);
        Assert.Equal(145, tone.FrameCount);
        Assert.Equal(145, tone.GetFrames(AudioCodecKind.G722).FrameCount);

        // Frame 18 starts at 360 ms: the first silence; frame 36 at 720 ms: still silent; 37 at 740 ms: ring 2.
        Assert.True(cadence.PhaseOfFrame(17).IsTone);
        Assert.False(cadence.PhaseOfFrame(18).IsTone);
        Assert.False(cadence.PhaseOfFrame(36).IsTone);
        Assert.Equal(2, cadence.PhaseOfFrame(37).Ring);
        Assert.True(cadence.PhaseOfFrame(37).IsTone);
        Assert.Equal(TimeSpan.FromMilliseconds(15), cadence.PhaseOfFrame(37).IntoSegment);
    }

    [Fact]
    public void Invalid_cadences_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ToneCadence("x", [], [1000, 4000]));
        Assert.Throws<ArgumentException>(() => new ToneCadence("x", [4500], [1000, 4000]));
        Assert.Throws<ArgumentException>(() => new ToneCadence("x", [450], []));
        Assert.Throws<ArgumentException>(() => new ToneCadence("x", [450], [1000, 0]));
        Assert.Throws<ArgumentException>(() => new ToneCadence("x", [450], [20000, 20000]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ToneCadence("x", [450], [1000], levelDbfs: 3));
        Assert.ThrowsAny<ArgumentException>(() => new ToneCadence(" ", [450], [1000]));
    }
}
