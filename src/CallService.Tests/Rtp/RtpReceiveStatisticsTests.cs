using CallService.Sip.Rtp;

namespace CallService.Tests.Rtp;

public class RtpReceiveStatisticsTests
{
    // Arrival clock at 8000 Hz: arrival ticks are RTP timestamp units, which keeps the jitter math readable.
    private readonly RtpReceiveStatistics _stats = new(timestampFrequency: 8000, clockRate: 8000);
    private readonly byte[] _buffer = new byte[200];

    private RtpReceiveOutcome Receive(ushort seq, uint ssrc = 1, uint? timestamp = null, long? arrival = null, byte pt = 0)
    {
        uint ts = timestamp ?? (uint)(seq * 160);
        RtpPacketWriter.TryWrite(_buffer, new RtpHeader(false, pt, seq, ts, ssrc), [], new byte[160], out int written);
        Assert.True(RtpPacket.TryParse(_buffer.AsSpan(0, written), out RtpPacket packet, out _));
        return _stats.Update(packet, arrival ?? ts);
    }

    [Fact]
    public void In_order_packets_have_no_loss_and_no_jitter()
    {
        for (ushort seq = 10; seq < 20; seq++)
        {
            Assert.Equal(RtpReceiveOutcome.Accepted, Receive(seq));
        }

        Assert.Equal(10, _stats.PacketsReceived);
        Assert.Equal(1600, _stats.OctetsReceived);
        Assert.Equal(0, _stats.Lost);
        Assert.Equal(19u, _stats.ExtendedHighestSequence);
        Assert.Equal(0u, _stats.Jitter);
        Assert.Equal(1u, _stats.Ssrc);
    }

    [Fact]
    public void Gaps_count_as_lost_and_late_arrivals_fill_them()
    {
        Receive(1);
        Receive(2);
        Receive(5);
        Assert.Equal(2, _stats.Lost);

        Assert.Equal(RtpReceiveOutcome.Accepted, Receive(4)); // reordered
        Assert.Equal(1, _stats.Lost);
        Assert.Equal(5u, _stats.ExtendedHighestSequence);
    }

    [Fact]
    public void Duplicates_are_recognised_and_not_counted_as_received()
    {
        Receive(1);
        Receive(2);
        Assert.Equal(RtpReceiveOutcome.Duplicate, Receive(2));
        Receive(4);
        Receive(3);
        Assert.Equal(RtpReceiveOutcome.Duplicate, Receive(3));
        Assert.Equal(RtpReceiveOutcome.Duplicate, Receive(1));

        Assert.Equal(3, _stats.Duplicates);
        Assert.Equal(4, _stats.PacketsReceived);
        Assert.Equal(0, _stats.Lost);
    }

    [Fact]
    public void Sequence_wrap_extends_the_highest_sequence()
    {
        foreach (ushort seq in new ushort[] { 65534, 65535, 0, 1 })
        {
            Assert.Equal(RtpReceiveOutcome.Accepted, Receive(seq, timestamp: 0, arrival: 0));
        }

        Assert.Equal(65536u + 1, _stats.ExtendedHighestSequence);
        Assert.Equal(0, _stats.Lost);
    }

    [Fact]
    public void A_large_jump_is_dropped_until_confirmed_by_the_next_packet()
    {
        Receive(100);
        Receive(102); // one lost
        Assert.Equal(RtpReceiveOutcome.SequenceJump, Receive(30000));
        Assert.Equal(1, _stats.SequenceJumps);
        Assert.Equal(RtpReceiveOutcome.Accepted, Receive(30001)); // confirmed: the sequence restarts here
        Receive(30002);

        Assert.Equal(1, _stats.Lost); // the earlier loss is kept
        Assert.Equal(30002u, _stats.ExtendedHighestSequence);
    }

    [Fact]
    public void A_new_ssrc_starts_a_new_source_and_keeps_earlier_loss()
    {
        Receive(1, ssrc: 1);
        Receive(3, ssrc: 1); // 1 lost
        Receive(5000, ssrc: 2);
        Receive(5001, ssrc: 2);

        Assert.Equal(2u, _stats.Ssrc);
        Assert.Equal(1, _stats.SourceChanges);
        Assert.Equal(1, _stats.Lost);
        Assert.Equal(5001u, _stats.ExtendedHighestSequence);
    }

    [Fact]
    public void Jitter_follows_rfc3550_a8()
    {
        // Transit alternates by 80 units: |D| = 80 each packet; J converges to 80 (J += (|D| - J) / 16).
        for (ushort seq = 0; seq < 200; seq++)
        {
            Receive(seq, arrival: (seq * 160) + (seq % 2 == 0 ? 0 : 80));
        }

        Assert.InRange(_stats.Jitter, 78u, 80u);
        Assert.InRange(_stats.JitterTime.TotalMilliseconds, 9.7, 10.0);
    }

    [Fact]
    public void Jitter_of_the_first_steps_matches_the_formula()
    {
        Receive(0, arrival: 0);
        Receive(1, arrival: 160 + 32); // |D| = 32: J = 32/16 = 2
        Assert.Equal(2u, _stats.Jitter);
        Receive(2, arrival: 320); // |D| = 32: J = 2 + (32 - 2)/16 = 3.875
        Assert.Equal(3u, _stats.Jitter);
    }

    [Fact]
    public void Telephone_events_can_be_excluded_from_jitter()
    {
        _stats.JitterExcludedPayloadType = 101;
        Receive(0);
        for (ushort seq = 1; seq < 10; seq++)
        {
            Receive(seq, timestamp: 160, arrival: seq * 160, pt: 101); // an event: fixed timestamp, arriving every 20 ms
        }

        Receive(10);
        Assert.Equal(0u, _stats.Jitter);
        Assert.Equal(11, _stats.PacketsReceived);
    }

    [Fact]
    public void Report_block_carries_interval_fraction_lost()
    {
        for (ushort seq = 1; seq <= 10; seq++)
        {
            if (seq is not 4 and not 7)
            {
                Receive(seq);
            }
        }

        RtcpReportBlock first = _stats.CreateReportBlock(lastSenderReport: 0x1234, delaySinceLastSenderReport: 0x10000);
        Assert.Equal(1u, first.Ssrc);
        Assert.Equal((2 << 8) / 10, first.FractionLost);
        Assert.Equal(2, first.CumulativeLost);
        Assert.Equal(10u, first.ExtendedHighestSequence);
        Assert.Equal(0x1234u, first.LastSenderReport);
        Assert.Equal(0x10000u, first.DelaySinceLastSenderReport);

        for (ushort seq = 11; seq <= 20; seq++)
        {
            Receive(seq);
        }

        RtcpReportBlock second = _stats.CreateReportBlock();
        Assert.Equal(0, second.FractionLost);
        Assert.Equal(2, second.CumulativeLost);
    }
}
