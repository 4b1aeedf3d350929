using CallService.Sip.Rtp;

namespace CallService.Tests.Rtp;

public class DtmfEventTests
{
    [Theory]
    [InlineData('0', 0)]
    [InlineData('9', 9)]
    [InlineData('*', 10)]
    [InlineData('#', 11)]
    [InlineData('A', 12)]
    [InlineData('d', 15)]
    public void Digits_map_to_rfc4733_event_codes(char digit, byte code)
    {
        Assert.True(DtmfEvent.TryGetEventCode(digit, out byte actual));
        Assert.Equal(code, actual);
        Assert.Equal(char.ToUpperInvariant(digit), DtmfEvent.EventToDigit(code));
    }

    [Theory]
    [InlineData('E')]
    [InlineData('x')]
    [InlineData(' ')]
    public void Non_dtmf_characters_have_no_code(char digit) => Assert.False(DtmfEvent.TryGetEventCode(digit, out _));

    [Fact]
    public void Payload_round_trips()
    {
        var dtmf = new DtmfEvent(Event: 11, End: true, Volume: 10, Duration: 800);
        var buffer = new byte[4];
        Assert.Equal(4, dtmf.WriteTo(buffer));
        Assert.Equal("0B8A0320", Convert.ToHexString(buffer));

        Assert.True(DtmfEvent.TryParse(buffer, out DtmfEvent parsed));
        Assert.Equal(dtmf, parsed);
        Assert.Equal('#', parsed.Digit);
    }

    [Fact]
    public void Reserved_bit_is_ignored_and_short_payloads_rejected()
    {
        Assert.True(DtmfEvent.TryParse([5, 0x40 | 7, 0, 160], out DtmfEvent parsed));
        Assert.Equal(new DtmfEvent(5, false, 7, 160), parsed);
        Assert.False(DtmfEvent.TryParse([5, 0, 0], out _));
        Assert.Equal(0, parsed.WriteTo(new byte[3]));
        Assert.Equal('\0', new DtmfEvent(16, false, 0, 0).Digit);
    }
}
