using System.Text;

namespace CallService.Bench;

/// <summary>The messages the parser benchmarks use: a typical INVITE with SDP and its 200 OK.</summary>
internal static class SipBenchMessages
{
    private const string Sdp =
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

    public static readonly byte[] Invite = Encoding.UTF8.GetBytes(
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
        Sdp);

    public static readonly byte[] Ok = Encoding.UTF8.GetBytes(
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport=5060;received=198.51.100.7\r\n" +
        "To: \"Sales Line\" <sip:sales@pbx.example.com>;tag=a6c85cf\r\n" +
        "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:sales@203.0.113.5:5060>\r\n" +
        "Content-Type: application/sdp\r\n" +
        $"Content-Length: {Sdp.Length}\r\n" +
        "\r\n" +
        Sdp);
}
