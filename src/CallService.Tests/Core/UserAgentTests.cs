using System.Text;
using CallService.Sip.Core;
using CallService.Sip.Dialogs;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Core;

/// <summary>Two stacks talking through the UA cores: setup, CANCEL, BYE, OPTIONS, refusals, re-INVITE glare
/// and the 2xx retransmission until ACK (RFC 3261 8, 9, 12-15).</summary>
public sealed class UserAgentTests : IAsyncLifetime
{
    private static readonly byte[] Sdp = Encoding.ASCII.GetBytes("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");
    private readonly FakeTimeProvider _time = new();
    private readonly InMemorySipNetwork _net = new();
    private SipStack _alice = null!;
    private SipStack _bob = null!;

    public Task InitializeAsync()
    {
        _alice = _net.AddStack(5071, _time);
        _bob = _net.AddStack(5072, _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _net.DisposeAsync();

    private static SipUri BobUri => SipUri.Parse("sip:bob@127.0.0.1:5072");

    private static SipNameAddress AliceAddress => new(SipUri.Parse("sip:alice@127.0.0.1:5071"), "Alice");

    private Task<OutgoingCall> Call() => _alice.UserAgent.CallAsync(BobUri, AliceAddress, null, Sdp);

    [Fact]
    public async Task A_call_rings_is_answered_acked_and_hung_up_by_the_caller()
    {
        IncomingCall? incoming = null;
        _bob.UserAgent.IncomingCall = call =>
        {
            incoming = call;
            call.SendProvisional(180);
            call.Accept(Sdp);
        };
        var outgoing = await Call();

        var result = await outgoing.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(outgoing.FirstProvisional.IsCompletedSuccessfully, "no provisional response before the 200");
        Assert.InRange((await outgoing.FirstProvisional).StatusCode, 100, 180);
        Assert.True(result.IsAnswered);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(Sdp, result.FinalResponse!.Body.ToArray());
        var bobDialog = incoming!.Dialog!;
        Assert.True(await bobDialog.Acked.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(incoming.Invite.CallId, result.Dialog!.CallId);
        Assert.Equal(bobDialog.LocalParty.Tag, result.Dialog.RemoteParty.Tag);
        Assert.Equal(1, _alice.UserAgent.DialogCount);

        var ended = new TaskCompletionSource<DialogEndReason>();
        bobDialog.Terminated += (_, why) => ended.TrySetResult(why);
        var bye = await result.Dialog.ByeAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(200, bye.StatusCode);
        Assert.Equal(DialogEndReason.RemoteBye, await ended.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(DialogEndReason.LocalBye, result.Dialog.EndReason);
        Assert.Equal(0, _bob.UserAgent.DialogCount);
    }

    [Fact]
    public async Task Cancel_while_ringing_gives_487_to_the_invite_and_tells_the_callee()
    {
        var cancelled = new TaskCompletionSource();
        _bob.UserAgent.IncomingCall = call =>
        {
            call.Cancelled += _ => cancelled.TrySetResult();
            call.SendProvisional(180);
        };
        var outgoing = await Call();
        // Not the Provisional event: bob's 100/180 can arrive before a subscription made here.
        await outgoing.FirstProvisional.WaitAsync(TimeSpan.FromSeconds(5));
        outgoing.Cancel("SIP;cause=200;text=\"Call completed elsewhere\"");

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var result = await outgoing.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(result.IsAnswered);
        Assert.Equal(487, result.StatusCode);
    }

    [Fact]
    public async Task Cancel_before_any_provisional_waits_for_one_as_RFC_3261_9_1_requires()
    {
        IncomingCall? incoming = null;
        _bob.UserAgent.IncomingCall = call => incoming = call; // 100 Trying only
        var outgoing = await Call();
        await Eventually.True(() => incoming is not null, "INVITE at bob");
        // 100 Trying is a provisional response: the CANCEL may go as soon as it has arrived.
        outgoing.Cancel();
        var result = await outgoing.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(487, result.StatusCode);
        Assert.True(incoming!.CancellationToken.IsCancellationRequested);
    }

    [Fact]
    public async Task Options_is_answered_with_what_we_support_and_unknown_methods_are_refused()
    {
        var options = _alice.UserAgent.CreateRequest(SipMethod.Options, BobUri, AliceAddress, new SipNameAddress(BobUri));
        var outcome = await _alice.UserAgent.SendAsync(options, null, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(200, outcome.StatusCode);
        string allow = outcome.Response!.Headers.GetFirst("Allow")!;
        foreach (var method in new[] { "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS" })
        {
            Assert.Contains(method, allow);
        }
        Assert.NotNull(outcome.Response.Headers.GetFirst("Accept"));

        var unknown = _alice.UserAgent.CreateRequest(SipMethod.Options, BobUri, AliceAddress, new SipNameAddress(BobUri));
        var frob = new SipRequest("FROB", BobUri);
        foreach (var h in unknown.Headers.Where(h => h.Name != "CSeq"))
        {
            frob.Headers.Add(h.Name, h.Value);
        }
        frob.Headers.Add("CSeq", "1 FROB");
        var refused = await _alice.UserAgent.SendAsync(frob, null, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(501, refused.StatusCode);

        var subscribe = _alice.UserAgent.CreateRequest(SipMethod.Subscribe, BobUri, AliceAddress, new SipNameAddress(BobUri));
        var notAllowed = await _alice.UserAgent.SendAsync(subscribe, null, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(405, notAllowed.StatusCode);
        Assert.Contains("INVITE", notAllowed.Response!.Headers.GetFirst("Allow"));
    }

    [Fact]
    public async Task An_unknown_Require_is_refused_with_420_and_Unsupported()
    {
        var options = _alice.UserAgent.CreateRequest(SipMethod.Options, BobUri, AliceAddress, new SipNameAddress(BobUri));
        options.Headers.Add("Require", "foo-extension");
        var outcome = await _alice.UserAgent.SendAsync(options, null, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(420, outcome.StatusCode);
        Assert.Contains("foo-extension", outcome.Response!.Headers.GetFirst("Unsupported"));
    }

    [Fact]
    public async Task A_reinvite_while_our_own_is_pending_is_answered_491()
    {
        var (aliceDialog, bobDialog) = await EstablishAsync();
        // Alice holds bob's re-INVITE unanswered, so bob's own re-INVITE stays pending...
        ServerTransaction? held = null;
        aliceDialog.RequestReceived += (_, tx) => held = tx;
        var bobReInvite = bobDialog.ReInviteAsync(Sdp, maxAttempts: 1);
        await Eventually.True(() => held is not null, "bob's re-INVITE at alice");
        // ...and alice's re-INVITE meets bob's pending one: glare.
        var glare = await aliceDialog.ReInviteAsync(Sdp, maxAttempts: 1).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(491, glare.StatusCode);

        aliceDialog.AcceptReInvite(held!, Sdp);
        var done = await bobReInvite.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(200, done.StatusCode);
        Assert.Equal(DialogState.Confirmed, aliceDialog.State);
    }

    [Fact]
    public async Task A_lost_ACK_makes_the_callee_retransmit_its_2xx_and_the_caller_acks_again()
    {
        int acksDropped = 0;
        _net.Drop = (text, from, to) => text.StartsWith("ACK ", StringComparison.Ordinal) && Interlocked.Increment(ref acksDropped) == 1;
        var (_, bobDialog) = await EstablishAsync(waitForAck: false);
        await Eventually.True(() => acksDropped == 1, "first ACK dropped");
        Assert.False(bobDialog.Acked.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500)); // 13.3.1.4: first retransmission after T1
        Assert.True(await bobDialog.Acked.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, acksDropped); // the second ACK (answering the retransmitted 2xx) was let through
    }

    [Fact]
    public async Task With_no_ACK_at_all_the_callee_gives_up_after_64_T1_and_sends_BYE()
    {
        _net.Drop = (text, _, _) => text.StartsWith("ACK ", StringComparison.Ordinal);
        var (aliceDialog, bobDialog) = await EstablishAsync(waitForAck: false);
        var aliceEnded = new TaskCompletionSource<DialogEndReason>();
        aliceDialog.Terminated += (_, why) => aliceEnded.TrySetResult(why);
        for (int i = 0; i < 64; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Yield();
        }
        Assert.False(await bobDialog.Acked.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(DialogEndReason.AckTimeout, bobDialog.EndReason);
        Assert.Equal(DialogEndReason.RemoteBye, await aliceEnded.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private async Task<(SipDialog Alice, SipDialog Bob)> EstablishAsync(bool waitForAck = true)
    {
        IncomingCall? incoming = null;
        _bob.UserAgent.IncomingCall = call =>
        {
            incoming = call;
            call.Accept(Sdp);
        };
        var outgoing = await Call();
        var result = await outgoing.Result.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(result.IsAnswered);
        if (waitForAck)
        {
            Assert.True(await incoming!.Dialog!.Acked.WaitAsync(TimeSpan.FromSeconds(5)));
        }
        return (result.Dialog!, incoming!.Dialog!);
    }
}
