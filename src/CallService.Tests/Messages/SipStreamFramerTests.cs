using System.Text;
using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipStreamFramerTests
{
    [Fact]
    public void Frames_a_message_by_content_length()
    {
        var message = SipSamples.Bytes(SipSamples.Invite);
        var stream = message.Concat(SipSamples.Bytes(SipSamples.Ok)).ToArray();

        Assert.Equal(SipFrameResult.Message, SipStreamFramer.TryFrame(stream, out var skip, out var length));
        Assert.Equal(0, skip);
        Assert.Equal(message.Length, length);
        Assert.True(SipParser.Parse(stream.AsSpan(skip, length)).Success);

        Assert.Equal(SipFrameResult.Message, SipStreamFramer.TryFrame(stream.AsSpan(length), out _, out var second));
        Assert.Equal(SipSamples.Ok.Length, second);
    }

    [Fact]
    public void Needs_more_data_until_the_whole_message_is_there()
    {
        var message = SipSamples.Bytes(SipSamples.Invite);
        for (var cut = 0; cut < message.Length; cut++)
        {
            Assert.Equal(SipFrameResult.NeedMoreData, SipStreamFramer.TryFrame(message.AsSpan(0, cut), out _, out var length));
            Assert.Equal(0, length);
        }
    }

    [Theory]
    [InlineData("\r\n\r\n", 4)]
    [InlineData("\r\n\r\n\r\n", 4)]
    [InlineData("\r\n", 2)]
    public void Recognises_keep_alives(string bytes, int consumed)
    {
        Assert.Equal(SipFrameResult.KeepAlive, SipStreamFramer.TryFrame(Encoding.ASCII.GetBytes(bytes), out var skip, out var length));
        Assert.Equal(consumed, skip);
        Assert.Equal(0, length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r")]
    [InlineData("\r\n\r")]
    public void Waits_on_a_partial_keep_alive(string bytes)
    {
        Assert.Equal(SipFrameResult.NeedMoreData, SipStreamFramer.TryFrame(Encoding.ASCII.GetBytes(bytes), out _, out _));
    }

    [Fact]
    public void Ping_then_message_yields_the_ping_first_and_a_single_crlf_is_skipped()
    {
        var stream = Encoding.ASCII.GetBytes("\r\n\r\n" + SipSamples.Ok);
        Assert.Equal(SipFrameResult.KeepAlive, SipStreamFramer.TryFrame(stream, out var skip, out _));
        Assert.Equal(4, skip);

        var withCrlf = Encoding.ASCII.GetBytes("\r\n" + SipSamples.Ok);
        Assert.Equal(SipFrameResult.Message, SipStreamFramer.TryFrame(withCrlf, out skip, out var length));
        Assert.Equal(2, skip);
        Assert.Equal(SipSamples.Ok.Length, length);
    }

    [Theory]
    [InlineData("Content-Length: -999")]
    [InlineData("Content-Length: 12abc")]
    [InlineData("Content-Length: 5\r\nl: 5")]
    [InlineData("Content-Length: 99999999")]
    public void Bad_framing_is_invalid(string contentLength)
    {
        var text = SipSamples.Ok.Replace("Content-Length: 0", contentLength);
        Assert.Equal(SipFrameResult.Invalid, SipStreamFramer.TryFrame(Encoding.ASCII.GetBytes(text), out _, out _));
    }

    [Fact]
    public void An_endless_header_section_is_invalid_once_over_the_limit()
    {
        var text = "INVITE sip:a@b SIP/2.0\r\nX: " + new string('a', 200);
        Assert.Equal(SipFrameResult.NeedMoreData, SipStreamFramer.TryFrame(Encoding.ASCII.GetBytes(text), 1000, out _, out _));
        Assert.Equal(SipFrameResult.Invalid, SipStreamFramer.TryFrame(Encoding.ASCII.GetBytes(text), 100, out _, out _));
    }

    [Fact]
    public void Missing_content_length_frames_an_empty_body()
    {
        var text = SipSamples.Ok.Replace("Content-Length: 0\r\n", "");
        Assert.Equal(SipFrameResult.Message, SipStreamFramer.TryFrame(Encoding.ASCII.GetBytes(text + "extra"), out _, out var length));
        Assert.Equal(text.Length, length);
    }
}
