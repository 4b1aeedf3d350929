using System.Buffers;
using System.Text;
using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipWriterTests
{
    [Fact]
    public void Writes_a_parsed_message_back_byte_for_byte_when_already_canonical()
    {
        var bytes = SipSamples.Bytes(SipSamples.Invite);
        var request = SipParser.Parse(bytes).Message!;
        Assert.Equal(SipSamples.Invite, Encoding.UTF8.GetString(SipWriter.ToBytes(request)));
    }

    [Fact]
    public void Writes_canonical_names_unfolded_values_and_content_length_from_the_body()
    {
        var text = "MESSAGE sip:bob@example.com SIP/2.0\r\n" +
                   "v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n" +
                   "f: <sip:alice@example.com>;tag=9\r\n" +
                   "t: sip:bob@example.com\r\n" +
                   "i: id1\r\n" +
                   "cseq: 1 MESSAGE\r\n" +
                   "l: 5\r\n" +
                   "subject: folded\r\n value\r\n" +
                   "c: text/plain\r\n" +
                   "\r\nhello";
        var message = SipSamples.ParseRequest(text);
        message.Body = "hello, world"u8.ToArray();

        var written = Encoding.UTF8.GetString(SipWriter.ToBytes(message));

        Assert.Equal("MESSAGE sip:bob@example.com SIP/2.0\r\n" +
                     "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n" +
                     "From: <sip:alice@example.com>;tag=9\r\n" +
                     "To: sip:bob@example.com\r\n" +
                     "Call-ID: id1\r\n" +
                     "CSeq: 1 MESSAGE\r\n" +
                     "Content-Length: 12\r\n" +
                     "Subject: folded value\r\n" +
                     "Content-Type: text/plain\r\n" +
                     "\r\nhello, world", written);
    }

    [Fact]
    public void Builds_a_request_from_scratch()
    {
        var request = new SipRequest(SipMethod.Invite, SipUri.Parse("sip:sales@pbx.example.com"));
        request.Headers.Add("Via", new SipVia("UDP", "192.0.2.1", 5060, SipVia.MagicCookie + "x1").ToString());
        request.Headers.Add("Max-Forwards", "70");
        request.Headers.Add("From", new SipNameAddress(SipUri.Parse("sip:alice@example.com"), "Alice").WithTag("a1").ToString());
        request.Headers.Add("To", "<sip:sales@pbx.example.com>");
        request.Headers.Add("Call-ID", "c1@192.0.2.1");
        request.Headers.Add("CSeq", new SipCSeq(1, SipMethod.Invite).ToString());
        request.Headers.Add("Content-Type", "application/sdp");
        request.Body = SipSamples.Bytes(SipSamples.Sdp);

        var bytes = SipWriter.ToBytes(request);
        var parsed = SipSamples.ParseRequest(Encoding.UTF8.GetString(bytes));

        Assert.Equal("Alice", parsed.From.DisplayName);
        Assert.Equal("a1", parsed.From.Tag);
        Assert.Equal(SipSamples.Sdp.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), parsed.Headers["Content-Length"]);
        Assert.EndsWith("Content-Type: application/sdp\r\nContent-Length: " + SipSamples.Sdp.Length + "\r\n\r\n" + SipSamples.Sdp, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Writes_into_spans_and_buffer_writers()
    {
        var response = SipSamples.ParseResponse(SipSamples.Ok);
        var expected = SipWriter.ToBytes(response);
        Assert.Equal(expected.Length, SipWriter.GetMaxLength(response));

        var span = new byte[expected.Length + 10];
        Assert.Equal(expected.Length, SipWriter.Write(response, span));
        Assert.Equal(expected, span[..expected.Length]);
        Assert.Throws<ArgumentException>(() => SipWriter.Write(response, new byte[expected.Length - 1]));

        var writer = new ArrayBufferWriter<byte>();
        SipWriter.Write(response, writer);
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Writes_utf8_text()
    {
        var response = new SipResponse(486, "忙线中");
        response.Headers.Add("Subject", "您好");
        var text = Encoding.UTF8.GetString(SipWriter.ToBytes(response));
        Assert.StartsWith("SIP/2.0 486 忙线中\r\nSubject: 您好\r\nContent-Length: 0\r\n\r\n", text);
    }
}
