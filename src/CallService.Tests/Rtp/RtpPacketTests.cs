using CallService.Sip.Rtp;

namespace CallService.Tests.Rtp;

public class RtpPacketTests
{
    [Fact]
    public void Header_and_payload_round_trip()
    {
        var header = new RtpHeader(Marker: true, PayloadType: 8, SequenceNumber: 0xFFFE, Timestamp: 0xDEADBEEF, Ssrc: 0x01020304);
        byte[] payload = [1, 2, 3, 4, 5];
        var buffer = new byte[64];

        Assert.True(RtpPacketWriter.TryWrite(buffer, header, [], payload, out int written));
        Assert.Equal(17, written);
        Assert.Equal("80 88 FF FE DE AD BE EF 01 02 03 04 01 02 03 04 05".Replace(" ", string.Empty, StringComparison.Ordinal), Convert.ToHexString(buffer, 0, written));

        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, written), out RtpPacket packet, out RtpParseError error));
        Assert.Equal(RtpParseError.None, error);
        Assert.Equal(header, packet.Header);
        Assert.Equal(2, packet.Version);
        Assert.False(packet.Padding);
        Assert.False(packet.Extension);
        Assert.Equal(0, packet.CsrcCount);
        Assert.Equal(payload, packet.Payload.ToArray());
    }

    [Fact]
    public void Csrcs_round_trip_and_payload_follows_them()
    {
        var header = new RtpHeader(false, 0, 7, 160, 42);
        var buffer = new byte[64];
        Assert.True(RtpPacketWriter.TryWrite(buffer, header, [0xAAAAAAAA, 0xBBBBBBBB], [9, 9], out int written));

        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, written), out RtpPacket packet, out _));
        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(0xAAAAAAAAu, packet.GetCsrc(0));
        Assert.Equal(0xBBBBBBBBu, packet.GetCsrc(1));
        Assert.Equal(new byte[] { 9, 9 }, packet.Payload.ToArray());
    }

    [Fact]
    public void Extension_is_skipped_and_padding_removed()
    {
        // V=2 P=1 X=1 CC=1, PT 0; CSRC; extension profile 0xBEDE with 1 word; payload AB CD; 2 padding octets.
        byte[] data = RtpTestData.Hex("B1 00 00 01 00 00 00 A0 00 00 00 2A  11 11 11 11  BE DE 00 01 01 02 03 04  AB CD  00 02");

        Assert.True(RtpPacket.TryParse(data, out RtpPacket packet, out RtpParseError error), error.ToString());
        Assert.True(packet.Padding);
        Assert.True(packet.Extension);
        Assert.Equal(0x11111111u, packet.GetCsrc(0));
        Assert.Equal(0xBEDE, packet.ExtensionProfile);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, packet.ExtensionData.ToArray());
        Assert.Equal(new byte[] { 0xAB, 0xCD }, packet.Payload.ToArray());
    }

    [Fact]
    public void Empty_payload_is_valid()
    {
        Assert.True(RtpPacket.TryParse(RtpTestData.Hex("80 00 00 01 00 00 00 00 00 00 00 01"), out RtpPacket packet, out _));
        Assert.True(packet.Payload.IsEmpty);
    }

    [Theory]
    [InlineData("", RtpParseError.TooShort)]
    [InlineData("80 00 00 01 00 00 00 00 00 00 00", RtpParseError.TooShort)]
    [InlineData("40 00 00 01 00 00 00 00 00 00 00 01", RtpParseError.UnsupportedVersion)]
    [InlineData("C0 00 00 01 00 00 00 00 00 00 00 01", RtpParseError.UnsupportedVersion)]
    [InlineData("82 00 00 01 00 00 00 00 00 00 00 01 11 11 11 11", RtpParseError.CsrcTruncated)]
    [InlineData("90 00 00 01 00 00 00 00 00 00 00 01 BE DE", RtpParseError.ExtensionTruncated)]
    [InlineData("90 00 00 01 00 00 00 00 00 00 00 01 BE DE 00 02 00 00 00 00", RtpParseError.ExtensionTruncated)]
    [InlineData("A0 00 00 01 00 00 00 00 00 00 00 01 AA 00", RtpParseError.InvalidPadding)]
    [InlineData("A0 00 00 01 00 00 00 00 00 00 00 01 AA 03", RtpParseError.InvalidPadding)]
    [InlineData("A0 00 00 01 00 00 00 00 00 00 00 01", RtpParseError.InvalidPadding)]
    public void Malformed_packets_are_rejected_with_a_reason(string hex, RtpParseError expected)
    {
        Assert.False(RtpPacket.TryParse(RtpTestData.Hex(hex), out _, out RtpParseError error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Every_truncation_of_a_valid_packet_is_rejected_without_throwing()
    {
        byte[] data = RtpTestData.Hex("91 00 00 01 00 00 00 A0 00 00 00 2A  11 11 11 11  BE DE 00 01 01 02 03 04");
        for (int length = 0; length < data.Length; length++)
        {
            Assert.False(RtpPacket.TryParse(data.AsSpan(0, length), out _, out RtpParseError error));
            Assert.NotEqual(RtpParseError.None, error);
        }

        Assert.True(RtpPacket.TryParse(data, out _, out _));
    }

    [Fact]
    public void Writer_refuses_a_short_buffer()
    {
        Assert.False(RtpPacketWriter.TryWrite(new byte[15], new RtpHeader(false, 0, 1, 1, 1), [], [1, 2, 3, 4], out int written));
        Assert.Equal(0, written);
    }
}
