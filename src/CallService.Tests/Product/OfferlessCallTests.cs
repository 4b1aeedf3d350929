using System.Net;
using System.Net.Sockets;
using System.Text;
using CallService.Records;
using CallService.Sip.Messages;
using CallService.Sip.Rtp;
using CallService.Tests.Support;

namespace CallService.Tests.Product;

/// <summary>
/// An INVITE without SDP (RFC 3261 13.2.1: the offer then comes in the 200 and the answer in the ACK),
/// from a raw UDP caller: rings are counted from the 180, the service's 200 carries its offer at the
/// end of the last ring, and after the ACK's answer the caller hears the greeting.
/// </summary>
[Collection("real peers")]
public sealed class OfferlessCallTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task An_invite_without_sdp_rings_from_the_180_and_gets_the_offer_in_the_200_at_the_end_of_the_ring_then_the_greeting()
    {
        await using var product = await ProductProcess.StartAsync("--Lines:0:AutoAnswerAfterRings=1");
        using var caller = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        caller.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        KernelReceiveTimestamp.Enable(caller);
        using var rtp = new RtpRecorder();
        var talk = new Dialogue(caller, product.SipPort);

        talk.Send(talk.Request("INVITE", "z9hG4bKoffer1", cseq: 1, toTag: null));
        (_, long ringingAt) = await talk.ResponseAsync(180);
        (SipResponse ok, long okAt) = await talk.ResponseAsync(200);

        // One cn ring is 5 s; the service counts it from the 180 it sent.
        double afterMs = (okAt - ringingAt) / 1000.0;
        output.WriteLine($"200 OK {afterMs:F1} ms after the 180");
        Assert.InRange(afterMs, 5_000 - 20, 5_000 + 20);
        string offer = Encoding.ASCII.GetString(ok.Body.Span);
        Assert.Equal("application/sdp", ok.ContentType);
        Assert.Matches(@"m=audio [1-9]\d* RTP/AVP .*\b0\b", offer);

        string answer = $"v=0\r\no=- 7 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {rtp.Port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        talk.Send(talk.Request("ACK", "z9hG4bKoffer2", cseq: 1, toTag: ok.To.Tag, body: answer));
        await Eventually.True(() => rtp.Packets.Count >= 50, "a second of the greeting on the port the ACK's answer gave", 10_000);

        talk.Send(talk.Request("BYE", "z9hG4bKoffer3", cseq: 2, toTag: ok.To.Tag));
        await talk.ResponseAsync(200);
        CallRecord record = Assert.Single(await product.CallsAsync());
        Assert.Equal(CallOutcome.AutoAnswered, record.Outcome);
        Assert.Equal(1.0, record.Rings);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
    }

    /// <summary>The caller's side of one call, written by hand on a UDP socket.</summary>
    private sealed class Dialogue(Socket socket, int servicePort)
    {
        private int CallerPort => ((IPEndPoint)socket.LocalEndPoint!).Port;

        public void Send(string text) =>
            socket.SendTo(Encoding.ASCII.GetBytes(text), new IPEndPoint(IPAddress.Loopback, servicePort));

        public string Request(string method, string branch, int cseq, string? toTag, string body = "") =>
            $"{method} sip:sales@127.0.0.1:{servicePort} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.1:{CallerPort};branch={branch};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:13800007777@127.0.0.1:{CallerPort}>;tag=offerless\r\n" +
            $"To: <sip:sales@127.0.0.1:{servicePort}>{(toTag is null ? "" : ";tag=" + toTag)}\r\n" +
            $"Call-ID: offerless-{CallerPort}@127.0.0.1\r\n" +
            $"CSeq: {cseq} {method}\r\n" +
            $"Contact: <sip:13800007777@127.0.0.1:{CallerPort}>\r\n" +
            (body.Length > 0 ? "Content-Type: application/sdp\r\n" : "") +
            $"Content-Length: {body.Length}\r\n\r\n{body}";

        /// <summary>The next response with <paramref name="code"/>, and its kernel arrival time in microseconds.</summary>
        public async Task<(SipResponse Response, long ArrivedMicroseconds)> ResponseAsync(int code)
        {
            var buffer = new byte[4096];
            while (true)
            {
                using var bound = new CancellationTokenSource(WaitBound);
                int length = await socket.ReceiveAsync(buffer, SocketFlags.None, bound.Token);
                Assert.True(KernelReceiveTimestamp.TryGetLast(socket, out long arrived), "no kernel receive time");
                SipParseResult parsed = SipParser.Parse(buffer.AsSpan(0, length));
                Assert.True(parsed.Success, $"{parsed.Error}: {parsed.Detail}");
                if (parsed.Message is SipResponse response && response.StatusCode == code)
                {
                    return (response, arrived);
                }
            }
        }
    }
}
