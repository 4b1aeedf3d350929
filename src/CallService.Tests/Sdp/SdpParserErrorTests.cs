using CallService.Sip.Sdp;

namespace CallService.Tests.Sdp;

public sealed class SdpParserErrorTests
{
    private const string O = "o=- 1 1 IN IP4 192.0.2.1";
    private const string C = "c=IN IP4 192.0.2.1";

    // "|" separates lines; each row is one malformed description and the reason it must be refused for.
    public static TheoryData<string, SdpParseError> Malformed => new()
    {
        { "", SdpParseError.Empty },
        { "||", SdpParseError.Empty },
        { $"{O}|s=-|{C}|t=0 0|m=audio 5000 RTP/AVP 0", SdpParseError.MissingVersion },
        { "s=-|v=0", SdpParseError.MissingVersion },
        { "v=1|" + O + "|s=-|t=0 0", SdpParseError.UnsupportedVersion },
        { "v=0|v=0|" + O + "|s=-|t=0 0", SdpParseError.DuplicateLine },
        { "v=0|s=-|t=0 0", SdpParseError.MissingOrigin },
        { "v=0|" + O + "|t=0 0", SdpParseError.MissingSessionName },
        { "v=0|" + O + "|s=-", SdpParseError.MissingTiming },
        { "v=0|o=- 1 1 IN IP4|s=-|t=0 0", SdpParseError.BadOrigin },
        { "v=0|o=- x 1 IN IP4 192.0.2.1|s=-|t=0 0", SdpParseError.BadOrigin },
        { "v=0|o=- 1 -1 IN IP4 192.0.2.1|s=-|t=0 0", SdpParseError.BadOrigin },
        { "v=0|o=- 1 1 IN IPX 192.0.2.1|s=-|t=0 0", SdpParseError.BadOrigin },
        { "v=0|o=- 1 1 ATM NSAP 47.0005|s=-|t=0 0", SdpParseError.BadOrigin },
        { "v=0|o=- 18446744073709551616 1 IN IP4 h.example|s=-|t=0 0", SdpParseError.BadOrigin },
        { "v=0|" + O + "|" + O + "|s=-|t=0 0", SdpParseError.DuplicateLine },
        { "v=0|" + O + "|s=-|c=IN IP4|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=IN IP4 999.1.1.1|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=IN IP4 10.0.0|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=IN IP4 10.0.0.1.5|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=IN IP4 10.0.0.1/ttl|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=IN IP4 10.0.0.1 extra|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=IN IP6 2001:db8::zz|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=IN IP6 ff15::101/3/1|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=IN IP6 fe80::1%eth0|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=IN IPX 10.0.0.1|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=ATM NSAP 47.0005.80|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|c=IN IP4 a b|t=0 0", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|" + C + "|" + C + "|t=0 0", SdpParseError.DuplicateLine },
        { "v=0|" + O + "|s=-|t=0 0|m=audio 5000 RTP/AVP 0|c=IN IP4 300.1.1.1", SdpParseError.BadConnection },
        { "v=0|" + O + "|s=-|t=0 0|m=audio 5000 RTP/AVP 0|" + C + "|" + C, SdpParseError.DuplicateLine },
        { "v=0|" + O + "|s=-|t=0 0|m=audio 5000 RTP/AVP 0", SdpParseError.MissingConnection },
        { "v=0|" + O + "|s=-|t=0 0|m=audio 0 RTP/AVP 0|m=audio 5000 RTP/AVP 0", SdpParseError.MissingConnection },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio", SdpParseError.BadMedia },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio RTP/AVP 0", SdpParseError.BadMedia },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 6000 RTP/AVP", SdpParseError.BadMedia },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 70000 RTP/AVP 0", SdpParseError.BadMedia },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio -1 RTP/AVP 0", SdpParseError.BadMedia },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 6000/0 RTP/AVP 0", SdpParseError.BadMedia },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 6000 RTP/AVP PCMU", SdpParseError.BadMedia },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 6000 RTP/AVP 0 128", SdpParseError.BadMedia },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 5000 RTP/AVP 0|m=video 6000 RTP/AVP", SdpParseError.BadMedia },
        { "v=0|" + O + "|s=-|" + C + "|t=now 0", SdpParseError.BadTiming },
        { "v=0|" + O + "|s=-|" + C + "|t=0", SdpParseError.BadTiming },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0 0", SdpParseError.BadTiming },
        { "v=0|" + O + "|s=-|" + C + "|r=7d 1h 0 25h|t=0 0", SdpParseError.LineOutOfPlace },
        { "v=0|" + O + "|s=-|" + C + "|b=AS|t=0 0", SdpParseError.BadBandwidth },
        { "v=0|" + O + "|s=-|" + C + "|b=AS:lots|t=0 0", SdpParseError.BadBandwidth },
        { "v=0|" + O + "|s=-|" + C + "|b=:64|t=0 0", SdpParseError.BadBandwidth },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 5000 RTP/AVP 0|b=AS:-1", SdpParseError.BadBandwidth },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 5000 RTP/AVP 0|t=0 0", SdpParseError.LineOutOfPlace },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 5000 RTP/AVP 0|s=again", SdpParseError.LineOutOfPlace },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 5000 RTP/AVP 0|" + O, SdpParseError.LineOutOfPlace },
        { "v=0|" + O + "|s=-|s=-|t=0 0", SdpParseError.DuplicateLine },
        { "v=0|" + O + "|s=-|i=a|i=b|t=0 0", SdpParseError.DuplicateLine },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 5000 RTP/AVP 0|i=a|i=b", SdpParseError.DuplicateLine },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 5000 RTP/AVP 0|k=clear:x|k=clear:y", SdpParseError.DuplicateLine },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|x=unknown", SdpParseError.UnknownLineType },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 5000 RTP/AVP 0|y=0100000001", SdpParseError.UnknownLineType },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|garbage", SdpParseError.MalformedLine },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|a", SdpParseError.MalformedLine },
        { "V=0|" + O + "|s=-|t=0 0", SdpParseError.MalformedLine },
        { "v =0|" + O + "|s=-|t=0 0", SdpParseError.MalformedLine },
        { " v=0|" + O + "|s=-|t=0 0", SdpParseError.MalformedLine },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|a=", SdpParseError.BadAttribute },
        { "v=0|" + O + "|s=-|" + C + "|t=0 0|m=audio 5000 RTP/AVP 0|a=:value", SdpParseError.BadAttribute },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_description_gives_typed_error(string rows, SdpParseError expected)
    {
        var result = SdpParser.Parse(SdpSamples.FromRow(rows));

        Assert.False(result.IsSuccess);
        Assert.Null(result.Description);
        Assert.Equal(expected, result.Error);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
    }

    [Fact]
    public void Error_names_the_offending_line()
    {
        var result = SdpParser.Parse(SdpSamples.FromRow("v=0|" + O + "|s=-|c=IN IP4 999.1.1.1|t=0 0"));

        Assert.Equal(SdpParseError.BadConnection, result.Error);
        Assert.Equal(4, result.LineNumber);
        Assert.Contains("c=IN IP4 999.1.1.1", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_connection_names_the_media()
    {
        var result = SdpParser.Parse(SdpSamples.FromRow("v=0|" + O + "|s=-|t=0 0|m=audio 5000 RTP/AVP 0"));

        Assert.Equal(SdpParseError.MissingConnection, result.Error);
        Assert.Equal(0, result.LineNumber);
        Assert.Contains("audio 5000", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_offending_line_is_shortened_in_the_detail()
    {
        var result = SdpParser.Parse("v=0\r\nzz" + new string('x', 5000) + "\r\n");

        Assert.Equal(SdpParseError.MalformedLine, result.Error);
        Assert.True(result.Detail!.Length < 300);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x76, 0x3D, 0x30 })]
    [InlineData(new byte[] { 0x76, 0x3D, 0x30, 0x0D, 0x0A, 0x73, 0x3D, 0xC3 })]
    public void Invalid_utf8_is_refused(byte[] body)
    {
        var result = SdpParser.Parse(body);

        Assert.Equal(SdpParseError.InvalidEncoding, result.Error);
    }

    [Fact]
    public void Null_text_is_empty_not_an_exception()
    {
        var result = SdpParser.Parse((string)null!);

        Assert.Equal(SdpParseError.Empty, result.Error);
    }

    [Fact]
    public void Mutated_bodies_never_throw_and_what_parses_writes_back()
    {
        var random = new Random(4566);
        var valid = SdpSamples.Bytes("baresip-offer.sdp");
        for (var round = 0; round < 2000; round++)
        {
            var body = (byte[])valid.Clone();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                body[random.Next(body.Length)] = (byte)random.Next(0x20, 0x7F);
            }

            var result = SdpParser.Parse(body.AsSpan(0, random.Next(body.Length + 1)));

            // Whatever parses must write back to text that parses again (the writer never emits what the
            // parser refuses); whatever does not parse carries a reason.
            if (result.IsSuccess)
            {
                var again = SdpParser.Parse(SdpWriter.Write(result.Description));
                Assert.True(again.IsSuccess, again.ToString());
            }
            else
            {
                Assert.NotEqual(SdpParseError.None, result.Error);
            }
        }
    }
}
