using System.Net;
using CallService.Sip.Dialogs;
using CallService.Sip.Media;
using CallService.Sip.Rtp;
using CallService.Sip.Sdp;
using CallService.Tests.Support;

namespace CallService.Tests.Interop;

/// <summary>baresip, a real softphone, calls a library UAS that answers and streams a WAV prompt.</summary>
[Collection("real peers")]
public sealed class BaresipInteropTests
{
    [Fact]
    public async Task Baresip_dials_a_library_UAS_hears_a_prompt_stays_until_the_UAS_hangs_up_and_sends_RTP()
    {
        await using var uas = await LibraryEndpoint.StartAsync();
        using var pacer = new RtpPacer(TimeProvider.System);
        pacer.Start();
        int rtpBase = FreePort.ForRtp();
        var ports = new RtpPortAllocator(rtpBase, rtpBase + 99);
        var prompt = Prompt.Load("greeting", Path.Combine(Peers.RepoRoot, "samples", "prompts", "greeting.wav"));

        var answered = new TaskCompletionSource<(SipDialog Dialog, MediaLeg Leg)>(TaskCreationOptions.RunContinuationsAsynchronously);
        uas.Stack.UserAgent.IncomingCall = call =>
        {
            var offer = SdpParser.Parse(call.Offer.Span);
            Assert.True(offer.IsSuccess, offer.Detail);
            var leg = MediaLeg.Open(IPAddress.Loopback, ports, pacer, TimeProvider.System);
            var local = new SdpLocalMedia { Address = IPAddress.Loopback, RtpPort = leg.LocalPort, Codecs = [AudioCodecKind.Pcmu, AudioCodecKind.Pcma] };
            if (SdpOfferAnswer.CreateAnswer(offer.Description!, local, 1, 1) is not SdpAnswerResult.Accepted accepted)
            {
                call.Reject(488);
                leg.Dispose();
                return;
            }
            leg.Start(accepted.Media, prompt.CreateSource(accepted.Media.Codec.Kind, loop: true));
            var dialog = call.Accept(SdpWriter.WriteUtf8(accepted.Answer))!;
            answered.TrySetResult((dialog, leg));
        };

        await using var phone = await BaresipPhone.StartAsync("<sip:tester@127.0.0.1>;regint=0;audio_codecs=PCMU,PCMA",
            commands: [$"/dial sip:sales@127.0.0.1:{uas.Port}"]);
        var (dialog, leg) = await answered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        using var _ = leg;
        Assert.True(await dialog.Acked.WaitAsync(TimeSpan.FromSeconds(5)));

        // Three seconds of call: baresip must still be in it (no BYE from it) and sending audio.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(DialogState.Confirmed, dialog.State);
        var bye = await dialog.ByeAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, bye.StatusCode);
        Assert.Equal(DialogEndReason.LocalBye, dialog.EndReason);
        // 3 s of 20 ms packets is 150; allow for the start of baresip's audio pipeline.
        Assert.True(leg.PacketsReceived >= 100, $"received {leg.PacketsReceived} RTP packets from baresip");
        Assert.True(leg.Stream!.PacketsSent >= 140, $"sent {leg.Stream.PacketsSent} prompt packets");
        Assert.Equal(0, leg.ReceiveStatistics.Lost);
    }
}
