using System.Text;
using CallService.Sip.Rtp;

namespace CallService.Tests.Rtp;

public class RtcpTests
{
    private static readonly RtcpReportBlock Block = new(0xCAFEBABE, 25, -3, 0x0001FFFF, 42, 0x12345678, 0x00010000);

    [Fact]
    public void Compound_sr_sdes_bye_round_trips()
    {
        var buffer = new byte[256];
        var info = new RtcpSenderInfo(0xE0000000_80000000, 123456, 50, 8000);
        Assert.True(RtcpWriter.TryWriteSenderReport(buffer, 0x11223344, info, [Block], out int sr));
        Assert.Equal(RtcpWriter.SenderReportSize(1), sr);
        Assert.True(RtcpWriter.TryWriteSourceDescription(buffer.AsSpan(sr), 0x11223344, "leg@callservice"u8, out int sdes));
        Assert.True(RtcpWriter.TryWriteBye(buffer.AsSpan(sr + sdes), [0x11223344], "hangup"u8, out int bye));
        ReadOnlySpan<byte> compound = buffer.AsSpan(0, sr + sdes + bye);

        Assert.True(RtpDemultiplexer.IsRtcp(compound));
        Assert.Equal(RtcpParseError.None, RtcpCompound.Validate(compound));

        var reader = new RtcpCompoundReader(compound);
        Assert.True(reader.TryReadNext(out RtcpPacket first));
        Assert.Equal(RtcpPacketType.SenderReport, first.PacketType);
        Assert.Equal(0x11223344u, first.Ssrc);
        Assert.Equal(info, first.SenderInfo);
        Assert.Equal(1, first.ReportBlockCount);
        Assert.Equal(Block, first.GetReportBlock(0));

        Assert.True(reader.TryReadNext(out RtcpPacket second));
        Assert.Equal(RtcpPacketType.SourceDescription, second.PacketType);
        Assert.True(second.TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname));
        Assert.Equal(0x11223344u, ssrc);
        Assert.Equal("leg@callservice", Encoding.UTF8.GetString(cname));

        Assert.True(reader.TryReadNext(out RtcpPacket third));
        Assert.Equal(RtcpPacketType.Goodbye, third.PacketType);
        Assert.Equal(1, third.ByeSourceCount);
        Assert.Equal(0x11223344u, third.GetByeSource(0));
        Assert.Equal("hangup", Encoding.UTF8.GetString(third.ByeReason));

        Assert.False(reader.TryReadNext(out _));
        Assert.Equal(RtcpParseError.None, reader.Error);
    }

    [Fact]
    public void Receiver_report_round_trips_with_several_blocks()
    {
        var buffer = new byte[128];
        RtcpReportBlock other = Block with { Ssrc = 7, CumulativeLost = 0x7FFFFF, FractionLost = 255 };
        Assert.True(RtcpWriter.TryWriteReceiverReport(buffer, 99, [Block, other], out int written));
        Assert.Equal(8 + (2 * 24), written);

        Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, written), out RtcpPacket rr, out int length, out _));
        Assert.Equal(written, length);
        Assert.Equal(RtcpPacketType.ReceiverReport, rr.PacketType);
        Assert.Equal(99u, rr.Ssrc);
        Assert.Equal(default, rr.SenderInfo);
        Assert.Equal(Block, rr.GetReportBlock(0));
        Assert.Equal(other, rr.GetReportBlock(1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-0x800000)]
    [InlineData(0x7FFFFF)]
    [InlineData(0)]
    public void Cumulative_lost_is_a_signed_24_bit_field(int lost)
    {
        var buffer = new byte[64];
        Assert.True(RtcpWriter.TryWriteReceiverReport(buffer, 1, [Block with { CumulativeLost = lost }], out int written));
        Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, written), out RtcpPacket rr, out _, out _));
        Assert.Equal(lost, rr.GetReportBlock(0).CumulativeLost);
    }

    [Fact]
    public void Cumulative_lost_beyond_24_bits_is_clamped()
    {
        var buffer = new byte[64];
        Assert.True(RtcpWriter.TryWriteReceiverReport(buffer, 1, [Block with { CumulativeLost = 10_000_000 }], out int written));
        Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, written), out RtcpPacket rr, out _, out _));
        Assert.Equal(RtcpReportBlock.MaxCumulativeLost, rr.GetReportBlock(0).CumulativeLost);
    }

    [Fact]
    public void Bye_without_reason_and_sdes_padding_are_word_aligned()
    {
        var buffer = new byte[64];
        Assert.True(RtcpWriter.TryWriteBye(buffer, [1, 2], [], out int bye));
        Assert.Equal(12, bye);
        Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, bye), out RtcpPacket packet, out _, out _));
        Assert.True(packet.ByeReason.IsEmpty);
        Assert.Equal(2u, packet.GetByeSource(1));

        for (int nameLength = 0; nameLength < 9; nameLength++)
        {
            byte[] name = Enumerable.Repeat((byte)'x', nameLength).ToArray();
            Assert.True(RtcpWriter.TryWriteSourceDescription(buffer, 5, name, out int sdes));
            Assert.Equal(0, sdes % 4);
            Assert.True(RtcpPacket.TryParse(buffer.AsSpan(0, sdes), out RtcpPacket description, out _, out _));
            Assert.True(description.TryGetCname(out _, out ReadOnlySpan<byte> cname));
            Assert.Equal(nameLength, cname.Length);
        }
    }

    [Theory]
    [InlineData("81 C8 00 01 00 00 00 01", RtcpParseError.BodyTooShort)] // SR with RC=1 and no sender info
    [InlineData("81 C9 00 01 00 00 00 01", RtcpParseError.BodyTooShort)] // RR announcing a block it lacks
    [InlineData("80 C9 00 05 00 00 00 01", RtcpParseError.TooShort)] // length beyond the datagram
    [InlineData("40 C9 00 01 00 00 00 01", RtcpParseError.UnsupportedVersion)]
    [InlineData("80 CA", RtcpParseError.TooShort)]
    [InlineData("80 CF 00 01 00 00 00 01", RtcpParseError.UnknownPacketType)]
    [InlineData("A0 C9 00 01 00 00 00 00", RtcpParseError.InvalidPadding)] // padding count 0
    [InlineData("80 C9 00 01 00 00 00 01  80 C9 00 03 00 00 00 02", RtcpParseError.TooShort)] // second packet truncated
    public void Malformed_rtcp_is_rejected(string hex, RtcpParseError expected) =>
        Assert.Equal(expected, RtcpCompound.Validate(RtpTestData.Hex(hex)));

    [Fact]
    public void Bye_reason_running_past_the_packet_is_rejected()
    {
        Assert.False(RtcpPacket.TryParse(RtpTestData.Hex("81 CB 00 02 00 00 00 01 10 41 42 43"), out _, out _, out RtcpParseError error));
        Assert.Equal(RtcpParseError.BodyTooShort, error);
    }

    [Fact]
    public void Compound_rules_of_appendix_a2()
    {
        var buffer = new byte[128];
        Assert.True(RtcpWriter.TryWriteBye(buffer, [1], [], out int bye));
        Assert.Equal(RtcpParseError.CompoundMustStartWithReport, RtcpCompound.Validate(buffer.AsSpan(0, bye)));

        // RR with the P bit (4 padding octets) followed by another packet: padding must be last.
        byte[] padded = RtpTestData.Hex("A0 C9 00 02 00 00 00 01 00 00 00 04  80 CB 00 00");
        Assert.Equal(RtcpParseError.PaddingNotLast, RtcpCompound.Validate(padded));
        Assert.Equal(RtcpParseError.None, RtcpCompound.Validate(padded.AsSpan(0, 12)));

        Assert.Equal(RtcpParseError.TooShort, RtcpCompound.Validate([]));
    }

    [Theory]
    [InlineData("80 C8 00 06", true)]
    [InlineData("81 CC 00 02", true)]
    [InlineData("80 00 00 01", false)] // PCMU
    [InlineData("80 E5 00 01", false)] // marker + PT 101 (telephone-event)
    [InlineData("80 C7 00 01", false)] // 199: marker + PT 71, not an RTCP type
    [InlineData("80 CD 00 01", false)] // 205
    [InlineData("00 C8 00 06", false)] // version 0
    [InlineData("80 C8", false)]
    public void Rtcp_is_told_apart_from_rtp_on_a_muxed_port(string hex, bool isRtcp) =>
        Assert.Equal(isRtcp, RtpDemultiplexer.IsRtcp(RtpTestData.Hex(hex)));

    [Fact]
    public void Ntp_timestamp_conversion()
    {
        var instant = new DateTimeOffset(2024, 5, 1, 12, 0, 0, 500, TimeSpan.Zero);
        ulong ntp = NtpTimestamp.FromDateTimeOffset(instant);
        Assert.Equal(0x80000000u, (uint)ntp); // half a second
        Assert.Equal(1714564800u + 2208988800u, (uint)(ntp >> 32)); // Unix seconds + 70 years (RFC 868 offset)
        Assert.Equal(instant, NtpTimestamp.ToDateTimeOffset(ntp));
        Assert.Equal((uint)(ntp >> 16), NtpTimestamp.Middle32(ntp));
    }

    [Fact]
    public void Writers_refuse_short_buffers()
    {
        var small = new byte[8];
        Assert.False(RtcpWriter.TryWriteSenderReport(small, 1, default, [], out _));
        Assert.False(RtcpWriter.TryWriteReceiverReport(small, 1, [Block], out _));
        Assert.False(RtcpWriter.TryWriteSourceDescription(small, 1, "cname"u8, out _));
        Assert.False(RtcpWriter.TryWriteBye(small, [1, 2], [], out _));
    }
}
