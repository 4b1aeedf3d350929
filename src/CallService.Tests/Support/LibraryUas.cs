using System.Net;
using System.Text;
using CallService.Sip.Core;
using CallService.Sip.Dialogs;
using CallService.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Tests.Support;

/// <summary>A small SIP endpoint built on the library with its real UDP/TCP transport on loopback:
/// the "UAS built on the library" (and UAC) that real peers talk to in the interop tests.</summary>
public sealed class LibraryEndpoint : IAsyncDisposable
{
    private LibraryEndpoint(SipTransportManager transport, SipStack stack, int port)
    {
        Transport = transport;
        Stack = stack;
        Port = port;
    }

    public SipTransportManager Transport { get; }

    public SipStack Stack { get; }

    public int Port { get; }

    public SipEndPoint Udp => new(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, Port));

    public static async Task<LibraryEndpoint> StartAsync(int? port = null)
    {
        int p = port ?? FreePort.ForSip();
        var transport = new SipTransportManager(new SipTransportOptions
        {
            ListenEndPoints =
            [
                new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, p)),
                new SipEndPoint(SipProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, p)),
            ],
        }, TimeProvider.System, NullLogger<SipTransportManager>.Instance);
        var stack = SipStack.Create(new SipStackOptions { AdvertisedHost = "127.0.0.1", AdvertisedPort = p }, transport, TimeProvider.System);
        await transport.StartAsync(CancellationToken.None);
        return new LibraryEndpoint(transport, stack, p);
    }

    /// <summary>An SDP answer/offer for G.711 on <paramref name="rtpPort"/> (the interop tests that
    /// need no audio only need valid SDP).</summary>
    public static byte[] SimpleSdp(int rtpPort, string direction = "sendrecv") => Encoding.ASCII.GetBytes(
        $"v=0\r\no=- {rtpPort} 1 IN IP4 127.0.0.1\r\ns=CallService\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        $"m=audio {rtpPort} RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        $"a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na={direction}\r\n");

    /// <summary>Answers every INVITE: 180, then 200 with SDP after <paramref name="ringFor"/>.</summary>
    public void AnswerEverything(TimeSpan ringFor, Action<IncomingCall, SipDialog>? onAnswered = null)
    {
        Stack.UserAgent.IncomingCall = call =>
        {
            call.SendProvisional(180);
            _ = AnswerLaterAsync(call, ringFor, onAnswered);
        };
    }

    private static async Task AnswerLaterAsync(IncomingCall call, TimeSpan ringFor, Action<IncomingCall, SipDialog>? onAnswered)
    {
        if (ringFor > TimeSpan.Zero)
        {
            await Task.Delay(ringFor);
        }
        var dialog = call.Accept(SimpleSdp(FreePort.ForRtp()));
        if (dialog is not null)
        {
            onAnswered?.Invoke(call, dialog);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stack.Dispose();
        await Transport.DisposeAsync();
    }
}
