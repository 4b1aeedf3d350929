using CallService.Sip.Rtp;

namespace CallService.Tests.Rtp;

public class DtmfDetectorTests
{
    private readonly DtmfDetector _detector = new(payloadType: 101);
    private readonly byte[] _buffer = new byte[64];
    private ushort _seq = 1;

    private bool Feed(byte code, uint timestamp, ushort duration, bool end, out DtmfEvent dtmf, byte pt = 101)
    {
        byte[] payload = new byte[4];
        new DtmfEvent(code, end, 10, duration).WriteTo(payload);
        RtpPacketWriter.TryWrite(_buffer, new RtpHeader(false, pt, _seq++, timestamp, 7), [], payload, out int written);
        Assert.True(RtpPacket.TryParse(_buffer.AsSpan(0, written), out RtpPacket packet, out _));
        return _detector.TryDetect(packet, out dtmf);
    }

    private string FeedEvent(byte code, uint timestamp, int frames = 5, bool withEnds = true)
    {
        string digits = string.Empty;
        for (int i = 1; i <= frames; i++)
        {
            bool end = withEnds && i == frames;
            for (int copy = 0; copy < (end ? 3 : 1); copy++)
            {
                if (Feed(code, timestamp, (ushort)(i * 160), end, out DtmfEvent dtmf))
                {
                    digits += dtmf.Digit;
                }
            }
        }

        return digits;
    }

    [Fact]
    public void Each_event_is_reported_once_despite_updates_and_end_redundancy()
    {
        Assert.Equal("5", FeedEvent(5, 1000));
        Assert.Equal("#", FeedEvent(11, 3000));
        Assert.Equal(2 * 7 - 2, _detector.Repeats);
    }

    [Fact]
    public void The_same_digit_pressed_twice_is_two_events()
    {
        Assert.Equal("1", FeedEvent(1, 1000));
        Assert.Equal("1", FeedEvent(1, 2600));
    }

    [Fact]
    public void A_retransmitted_event_is_not_reported_again()
    {
        Assert.Equal("7", FeedEvent(7, 1000));
        Assert.Equal(string.Empty, FeedEvent(7, 1000));
    }

    [Fact]
    public void An_event_whose_first_packets_were_lost_is_still_reported_once()
    {
        Assert.True(Feed(9, 5000, 800, end: true, out DtmfEvent dtmf));
        Assert.Equal(new DtmfEvent(9, true, 10, 800), dtmf);
        Assert.False(Feed(9, 5000, 800, end: true, out _));
    }

    [Fact]
    public void A_late_packet_of_the_previous_event_is_not_reported_again()
    {
        Assert.True(Feed(1, 1000, 160, end: false, out _));
        Assert.True(Feed(2, 2000, 160, end: false, out _));
        Assert.False(Feed(1, 1000, 800, end: true, out _)); // delayed end packet of '1'
    }

    [Fact]
    public void Segments_of_a_long_event_continue_it()
    {
        // RFC 4733 2.5.2.3: at the 16-bit duration limit the sender starts a new segment (new timestamp).
        Assert.True(Feed(0, 1000, 160, end: false, out _));
        Assert.False(Feed(0, 1000, 65440, end: false, out _));
        Assert.False(Feed(0, 1000 + 65440, 160, end: false, out _));
        Assert.False(Feed(0, 1000 + 65440, 320, end: true, out _));

        // A new press after the end is new.
        Assert.True(Feed(0, 1000 + 65440 + 2000, 160, end: false, out _));
    }

    [Fact]
    public void Other_payload_types_and_short_payloads_are_ignored()
    {
        Assert.False(Feed(5, 1000, 160, end: false, out _, pt: 0));

        RtpPacketWriter.TryWrite(_buffer, new RtpHeader(false, 101, 9, 100, 7), [], [1, 2], out int written);
        Assert.True(RtpPacket.TryParse(_buffer.AsSpan(0, written), out RtpPacket shortPacket, out _));
        Assert.False(_detector.TryDetect(shortPacket, out _));
    }

    [Fact]
    public void Digits_sent_by_a_stream_are_detected_once_each()
    {
        var sender = new CapturingSender();
        var stream = new RtpStream(sender, new RtpStreamOptions { TelephoneEventPayloadType = 101 }, RtpTestData.Remote);
        stream.SetSource(new CountingSource(1));
        foreach (char digit in "159*#0AD")
        {
            Assert.True(stream.TrySendDtmf(digit, TimeSpan.FromMilliseconds(60)));
        }

        var buffer = new byte[1500];
        for (int tick = 0; tick < 100; tick++)
        {
            stream.Tick(buffer, tick);
        }

        string digits = string.Empty;
        foreach ((byte[] packet, _) in sender.Sent)
        {
            Assert.True(RtpPacket.TryParse(packet, out RtpPacket parsed, out _));
            if (_detector.TryDetect(parsed, out DtmfEvent dtmf))
            {
                digits += dtmf.Digit;
            }
        }

        Assert.Equal("159*#0AD", digits);
    }
}
