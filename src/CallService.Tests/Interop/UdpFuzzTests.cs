using System.Net;
using System.Net.Sockets;
using System.Text;
using CallService.Tests.Support;

namespace CallService.Tests.Interop;

/// <summary>Random and mutated datagrams at the SIP port must never stop the stack.</summary>
[Collection("real peers")]
public sealed class UdpFuzzTests
{
    private const string Invite =
        "INVITE sip:sales@127.0.0.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKfuzz{0};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Fuzz\" <sip:fuzz@127.0.0.1:5999>;tag={0}\r\n" +
        "To: <sip:sales@127.0.0.1:5060>\r\n" +
        "Call-ID: fuzz-{0}@127.0.0.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:fuzz@127.0.0.1:5999>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 129\r\n\r\n" +
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";

    [Fact]
    public async Task Ten_thousand_random_and_mutated_datagrams_leave_the_stack_serving_calls()
    {
        await using var uas = await LibraryEndpoint.StartAsync();
        uas.AnswerEverything(TimeSpan.Zero);
        var random = new Random(4475);
        using var fuzzer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        fuzzer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(IPAddress.Loopback, uas.Port);

        int sent = 0;
        for (int i = 0; i < 10_000; i++)
        {
            byte[] datagram = (i % 4) switch
            {
                0 => RandomBytes(random, random.Next(1, i % 100 == 0 ? 60_000 : 1_500)),
                1 => BitFlips(random, Encoding.ASCII.GetBytes(string.Format(Invite, i))),
                2 => Truncate(random, Encoding.ASCII.GetBytes(string.Format(Invite, i))),
                _ => OversizedHeader(random, string.Format(Invite, i)),
            };
            await fuzzer.SendToAsync(datagram, SocketFlags.None, target);
            sent++;
            if (i % 500 == 0)
            {
                await Task.Delay(10); // let the kernel buffer drain a little; we want them processed, not dropped
            }
        }
        Assert.Equal(10_000, sent);
        await Eventually.True(() => uas.Stack.Received + uas.Stack.Rejected + uas.Stack.Dropped >= 5_000,
            "the stack to have looked at most of the datagrams", 20_000);
        Assert.True(uas.Stack.Rejected + uas.Stack.Dropped > 1_000, $"rejected {uas.Stack.Rejected}, dropped {uas.Stack.Dropped}");

        // A normal call afterwards: sipp's own uac scenario, one call, must succeed.
        await using var sipp = ExternalProcess.Start("sipp",
        [
            "-sn", "uac", $"127.0.0.1:{uas.Port}", "-s", "sales", "-i", "127.0.0.1", "-p", FreePort.ForSip().ToString(),
            "-m", "1", "-d", "100", "-nostdin", "-timeout", "30s", "-timeout_error",
        ]);
        int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(45));
        Assert.True(exit == 0, $"sipp exit {exit} (stack received {uas.Stack.Received}, rejected {uas.Stack.Rejected}, dropped {uas.Stack.Dropped}; transport {uas.Transport.GetStats()}):\n{SippInteropTests.Tail(sipp.Output)}");
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] BitFlips(Random random, byte[] message)
    {
        int flips = random.Next(1, 12);
        for (int f = 0; f < flips; f++)
        {
            int at = random.Next(message.Length);
            message[at] ^= (byte)(1 << random.Next(8));
        }
        return message;
    }

    private static byte[] Truncate(Random random, byte[] message) => message[..random.Next(1, message.Length)];

    private static byte[] OversizedHeader(Random random, string message)
    {
        string big = "X-Fuzz: " + new string('a', random.Next(2_000, 60_000)) + "\r\n";
        int insertAt = message.IndexOf("Max-Forwards", StringComparison.Ordinal);
        var text = message.Insert(insertAt, big);
        var bytes = Encoding.ASCII.GetBytes(text);
        return bytes.Length > 65_000 ? bytes[..65_000] : bytes;
    }
}
