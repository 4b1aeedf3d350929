using System.Net;
using System.Text;
using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Tests.Support;

/// <summary>Builds messages from readable text, the way they appear on the wire.</summary>
public static class SipWire
{
    public static readonly SipEndPoint Peer = new(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5070));

    public static SipEndPoint PeerTcp => Peer with { Protocol = SipProtocol.Tcp };

    public static T Parse<T>(string text) where T : SipMessage
    {
        var bytes = Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));
        var result = SipParser.Parse(bytes);
        Assert.True(result.Success, $"{result.Error}: {result.Detail}");
        return (T)result.Message!;
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    public static string Invite(string branch = "z9hG4bKinv1", string transport = "UDP", string callId = "call-1@127.0.0.1", int cseq = 1, string? extra = null) => $"""
        INVITE sip:sales@127.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/{transport} 127.0.0.1:5070;branch={branch}
        Max-Forwards: 70
        From: "Caller" <sip:caller@127.0.0.1:5070>;tag=from1
        To: <sip:sales@127.0.0.1:5060>
        Call-ID: {callId}
        CSeq: {cseq} INVITE
        Contact: <sip:caller@127.0.0.1:5070>
        {extra}Content-Length: 0


        """.Replace("\n\n\n", "\n\n");

    public static string Request(string method, string branch, int cseq = 1, string? toTag = null, string callId = "call-1@127.0.0.1") => $"""
        {method} sip:sales@127.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:5070;branch={branch}
        Max-Forwards: 70
        From: <sip:caller@127.0.0.1:5070>;tag=from1
        To: <sip:sales@127.0.0.1:5060>{(toTag is null ? "" : ";tag=" + toTag)}
        Call-ID: {callId}
        CSeq: {cseq} {method}
        Content-Length: 0


        """.Replace("\n\n\n", "\n\n");

    /// <summary>A response to a request we sent: Via sent-by is the stack's own (127.0.0.1:5060).</summary>
    public static string Response(int code, string reason, string branch, string method = "INVITE", int cseq = 1, string? toTag = "to1") => $"""
        SIP/2.0 {code} {reason}
        Via: SIP/2.0/UDP 127.0.0.1:5060;branch={branch}
        From: <sip:sales@127.0.0.1:5060>;tag=ours
        To: <sip:agent@127.0.0.1:5070>{(toTag is null ? "" : ";tag=" + toTag)}
        Call-ID: out-1@127.0.0.1
        CSeq: {cseq} {method}
        Contact: <sip:agent@127.0.0.1:5070>
        Content-Length: 0


        """.Replace("\n\n\n", "\n\n");

    public static string OutRequest(string method, string branch, int cseq = 1) => $"""
        {method} sip:agent@127.0.0.1:5070 SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:5060;branch={branch}
        Max-Forwards: 70
        From: <sip:sales@127.0.0.1:5060>;tag=ours
        To: <sip:agent@127.0.0.1:5070>
        Call-ID: out-1@127.0.0.1
        CSeq: {cseq} {method}
        Contact: <sip:sales@127.0.0.1:5060>
        Content-Length: 0


        """.Replace("\n\n\n", "\n\n");
}
