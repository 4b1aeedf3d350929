using System.Text;
using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

/// <summary>Typical messages used across the message tests (and mirrored by the parser benchmarks).</summary>
internal static class SipSamples
{
    public const string Sdp =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 9 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:9 G722/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    public static readonly string Invite =
        "INVITE sip:sales@pbx.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: \"Sales Line\" <sip:sales@pbx.example.com>\r\n" +
        "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@192.0.2.10:5060;transport=udp>\r\n" +
        "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, INFO\r\n" +
        "Supported: replaces, timer\r\n" +
        "User-Agent: ExamplePhone/1.2.3\r\n" +
        "Content-Type: application/sdp\r\n" +
        $"Content-Length: {Sdp.Length}\r\n" +
        "\r\n" +
        Sdp;

    public static readonly string Ok =
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport=5060;received=198.51.100.7\r\n" +
        "To: \"Sales Line\" <sip:sales@pbx.example.com>;tag=a6c85cf\r\n" +
        "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:sales@203.0.113.5:5060>\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static SipRequest ParseRequest(string text)
    {
        var result = SipParser.Parse(Bytes(text));
        Assert.True(result.Success, result.ToString());
        return Assert.IsType<SipRequest>(result.Message);
    }

    public static SipResponse ParseResponse(string text)
    {
        var result = SipParser.Parse(Bytes(text));
        Assert.True(result.Success, result.ToString());
        return Assert.IsType<SipResponse>(result.Message);
    }

    /// <summary>A minimal valid request with the given extra header lines (each ending in CRLF) and body.</summary>
    public static string Request(string extraHeaders = "", string body = "", string method = "OPTIONS", string uri = "sip:bob@example.com") =>
        $"{method} {uri} SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKabc\r\n" +
        "From: <sip:alice@example.com>;tag=1\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        "Call-ID: test-call-id\r\n" +
        $"CSeq: 1 {method}\r\n" +
        "Max-Forwards: 70\r\n" +
        extraHeaders +
        $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n" +
        "\r\n" + body;
}
