using System.Net;
using CallService.Sip.Core;
using CallService.Sip.Dialogs;
using CallService.Sip.Media;
using CallService.Sip.Messages;
using CallService.Sip.Rtp;
using CallService.Sip.Sdp;
using CallService.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Demo;

/// <summary>
/// The demo's built-in caller: a real SIP user agent with its own RTP leg (the library's, on loopback)
/// that calls the line and hangs up at a chosen moment, reporting what it heard.
/// </summary>
public sealed class DemoCaller : IAsyncDisposable
{
    private readonly SipTransportManager _transport;
    private readonly SipStack _stack;
    private readonly RtpPacer _pacer;
    private readonly RtpPortAllocator _ports;

    private DemoCaller(SipTransportManager transport, SipStack stack, RtpPacer pacer, RtpPortAllocator ports)
    {
        _transport = transport;
        _stack = stack;
        _pacer = pacer;
        _ports = ports;
    }

    public static async Task<DemoCaller> StartAsync(int rtpMin, int rtpMax, CancellationToken cancellationToken)
    {
        var transport = new SipTransportManager(new SipTransportOptions
        {
            ListenEndPoints = [new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 0))],
        }, TimeProvider.System, NullLogger<SipTransportManager>.Instance);
        await transport.StartAsync(cancellationToken).ConfigureAwait(false);
        var stack = SipStack.Create(new SipStackOptions
        {
            AdvertisedHost = "127.0.0.1",
            AdvertisedPort = transport.LocalEndPoints[0].EndPoint.Port,
            Product = "CallService demo caller",
        }, transport, TimeProvider.System);
        var pacer = new RtpPacer(TimeProvider.System);
        pacer.Start(cancellationToken);
        return new DemoCaller(transport, stack, pacer, new RtpPortAllocator(rtpMin, rtpMax));
    }

    /// <summary>How one demo call went, from the caller's side.</summary>
    public sealed record Outcome(string CallId, int FinalStatus, bool Answered, TimeSpan RingbackHeard, long PacketsHeard);

    /// <summary>Calls <paramref name="line"/>; hangs up (CANCEL) after <paramref name="giveUpAfter"/> if
    /// unanswered by then, else BYE <paramref name="talkFor"/> after the answer.</summary>
    public async Task<Outcome> CallAsync(string line, int servicePort, string callerNumber, string displayName, TimeSpan giveUpAfter, TimeSpan talkFor, CancellationToken cancellationToken)
    {
        using var leg = MediaLeg.Open(IPAddress.Loopback, _ports, _pacer, TimeProvider.System);
        var offer = SdpOfferAnswer.CreateOffer(new SdpLocalMedia
        {
            Address = IPAddress.Loopback,
            RtpPort = leg.LocalPort,
            Codecs = [AudioCodecKind.Pcmu, AudioCodecKind.Pcma],
        }, (ulong)Random.Shared.NextInt64(1, long.MaxValue), 1);
        var target = SipUri.Parse($"sip:{line}@127.0.0.1:{servicePort}");
        var from = new SipNameAddress(SipUri.Parse($"sip:{callerNumber}@127.0.0.1"), displayName);
        var earlyMedia = new TaskCompletionSource<SipResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = await _stack.UserAgent.CallAsync(target, from, null, SdpWriter.WriteUtf8(offer), cancellationToken: cancellationToken,
            onProvisional: (_, response) =>
            {
                if (!response.Body.IsEmpty)
                {
                    earlyMedia.TrySetResult(response);
                }
            }).ConfigureAwait(false);
        var started = DateTime.UtcNow;
        var first = await Task.WhenAny(call.Result, earlyMedia.Task).ConfigureAwait(false);
        if (first == earlyMedia.Task && StartLeg(leg, offer, earlyMedia.Task.Result.Body))
        {
            var answeredInTime = await Task.WhenAny(call.Result, Task.Delay(giveUpAfter, cancellationToken)).ConfigureAwait(false);
            if (answeredInTime != call.Result)
            {
                call.Cancel();
            }
        }
        var result = await call.Result.ConfigureAwait(false);
        var ringback = DateTime.UtcNow - started;
        if (result.IsAnswered)
        {
            if (leg.Stream is null)
            {
                StartLeg(leg, offer, result.FinalResponse!.Body);
            }
            await Task.Delay(talkFor, cancellationToken).ConfigureAwait(false);
            await result.Dialog!.ByeAsync(cancellationToken).ConfigureAwait(false);
        }
        return new Outcome(call.Invite.CallId, result.StatusCode, result.IsAnswered, ringback, leg.PacketsReceived);
    }

    private static bool StartLeg(MediaLeg leg, SessionDescription offer, ReadOnlyMemory<byte> answerSdp)
    {
        var parsed = SdpParser.Parse(answerSdp.Span);
        if (!parsed.IsSuccess || SdpOfferAnswer.ProcessAnswer(offer, parsed.Description!) is not SdpNegotiationResult.Negotiated ok)
        {
            return false;
        }
        leg.Start(ok.Media, new SilenceSource(ok.Media.Codec.Kind));
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _pacer.Dispose();
        _stack.Dispose();
        await _transport.DisposeAsync().ConfigureAwait(false);
    }
}
