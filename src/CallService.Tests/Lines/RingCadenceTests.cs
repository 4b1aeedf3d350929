using System.Globalization;
using CallService.Lines;

namespace CallService.Tests.Lines;

/// <summary>DESIGN.md "Counting rings": periods, tones, fractional rings and ring starts.</summary>
public sealed class RingCadenceTests
{
    [Fact]
    public void The_named_cadences_have_the_handbook_periods_and_tones()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(5000), RingCadence.China.Period);
        Assert.Equal<int>([1000, 4000], RingCadence.China.OnOffMs);
        Assert.Equal<int>([450], RingCadence.China.ToneFrequenciesHz);

        Assert.Equal(TimeSpan.FromMilliseconds(6000), RingCadence.UnitedStates.Period);
        Assert.Equal<int>([2000, 4000], RingCadence.UnitedStates.OnOffMs);
        Assert.Equal<int>([440, 480], RingCadence.UnitedStates.ToneFrequenciesHz);

        Assert.Equal(TimeSpan.FromMilliseconds(3000), RingCadence.UnitedKingdom.Period);
        Assert.Equal<int>([400, 200, 400, 2000], RingCadence.UnitedKingdom.OnOffMs);
        Assert.Equal<int>([400, 450], RingCadence.UnitedKingdom.ToneFrequenciesHz);
    }

    [Theory]
    [InlineData("cn", 4.0, 0.8)]
    [InlineData("cn", 10.0, 2.0)]
    [InlineData("cn", 12.5, 2.5)]
    [InlineData("us", 12.0, 2.0)]
    [InlineData("us", 3.0, 0.5)]
    [InlineData("uk", 6.0, 2.0)]
    public void Rings_are_elapsed_time_over_the_period(string name, double seconds, double rings)
    {
        Assert.True(RingCadence.TryFromName(name, null, out RingCadence cadence));
        Assert.Equal(rings, cadence.Rings(TimeSpan.FromSeconds(seconds)), 9);
    }

    [Theory]
    [InlineData(3000, "0.6")]
    [InlineData(4000, "0.8")]
    [InlineData(9999, "1.9")]
    [InlineData(10000, "2.0")]
    [InlineData(10001, "2.0")]
    [InlineData(0, "0.0")]
    [InlineData(-5, "0.0")]
    [InlineData(3_600_000, "720.0")]
    public void Record_rings_are_truncated_to_one_decimal(int ms, string expected)
    {
        decimal rings = RingCadence.China.RingsToTenth(TimeSpan.FromMilliseconds(ms));
        Assert.Equal(expected, rings.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Ring_n_plus_1_begins_after_n_periods()
    {
        Assert.Equal(TimeSpan.Zero, RingCadence.China.RingStart(1));
        Assert.Equal(TimeSpan.FromSeconds(5), RingCadence.China.RingStart(2));
        Assert.Equal(TimeSpan.FromSeconds(10), RingCadence.China.RingStart(3)); // "within 2 rings" = before 10 s
        Assert.Equal(TimeSpan.FromSeconds(12), RingCadence.UnitedStates.RingStart(3));
        Assert.Equal(TimeSpan.FromSeconds(6), RingCadence.UnitedKingdom.RingStart(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => RingCadence.China.RingStart(0));
    }

    [Theory]
    [InlineData("cn", 0, true)]
    [InlineData("cn", 999, true)]
    [InlineData("cn", 1000, false)]
    [InlineData("cn", 4999, false)]
    [InlineData("cn", 5000, true)]
    [InlineData("uk", 399, true)]
    [InlineData("uk", 400, false)]
    [InlineData("uk", 600, true)]
    [InlineData("uk", 1000, false)]
    [InlineData("uk", 3100, true)]
    public void The_tone_sounds_in_the_on_parts(string name, int ms, bool on)
    {
        Assert.True(RingCadence.TryFromName(name, null, out RingCadence cadence));
        Assert.Equal(on, cadence.IsToneOn(TimeSpan.FromMilliseconds(ms)));
    }

    [Fact]
    public void A_custom_cadence_sums_its_parts_and_uses_the_default_tone()
    {
        RingCadence custom = RingCadence.Custom([500, 500, 500, 1500]);
        Assert.Equal("custom", custom.Name);
        Assert.Equal(TimeSpan.FromSeconds(3), custom.Period);
        Assert.Equal<int>([450], custom.ToneFrequenciesHz);
        Assert.Equal(RingCadence.Custom([500, 500, 500, 1500]), custom);
        Assert.NotEqual(RingCadence.Custom([1000, 4000]), RingCadence.China); // named differently
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 1000 })]
    [InlineData(new[] { 1000, 4000, 500 })]
    [InlineData(new[] { 49, 4000 })]
    [InlineData(new[] { 1000, 10001 })]
    public void An_invalid_custom_cadence_is_refused(int[] parts)
    {
        Assert.Throws<ArgumentException>(() => RingCadence.Custom(parts));
        Assert.False(RingCadence.TryFromName("custom", parts, out _));
    }

    [Fact]
    public void Names_are_read_ignoring_case_and_unknown_names_are_refused()
    {
        Assert.True(RingCadence.TryFromName("CN", null, out RingCadence cn));
        Assert.Equal(RingCadence.China, cn);
        Assert.True(RingCadence.TryFromName("custom", [50, 10000], out RingCadence custom));
        Assert.Equal(TimeSpan.FromMilliseconds(10050), custom.Period);
        Assert.False(RingCadence.TryFromName("fr", null, out _));
        Assert.False(RingCadence.TryFromName(null, null, out _));
    }

    [Fact]
    public void The_default_value_is_no_cadence()
    {
        RingCadence none = default;
        Assert.False(none.IsDefined);
        Assert.Throws<InvalidOperationException>(() => none.Rings(TimeSpan.FromSeconds(1)));
        Assert.Equal("(no cadence)", none.ToString());
        Assert.NotEqual(RingCadence.China, none);
    }
}
