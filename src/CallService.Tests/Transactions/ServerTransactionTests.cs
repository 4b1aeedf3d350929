using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Transactions;

/// <summary>RFC 3261 17.2: server INVITE and non-INVITE machines, and CANCEL matching (9.2).</summary>
public sealed class ServerTransactionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSender _sender = new();
    private readonly SipTransactionLayer _layer;
    private readonly NullUser _user = new();

    public ServerTransactionTests()
    {
        _layer = new SipTransactionLayer(_sender, _time);
        _layer.SetUser(_user);
    }

    public void Dispose() => _layer.Dispose();

    private void Advance(double ms) => _time.Advance(TimeSpan.FromMilliseconds(ms));

    private void Receive(string text) => _layer.OnRequest(SipWire.Parse<SipRequest>(text), SipWire.Peer, SipWire.Peer);

    [Fact]
    public void An_invite_gets_100_Trying_at_once_and_retransmissions_are_absorbed_with_the_last_provisional()
    {
        Receive(SipWire.Invite());
        var tx = Assert.IsType<ServerInviteTransaction>(Assert.Single(_user.Requests));
        Assert.Equal(100, Assert.Single(_sender.Responses).StatusCode);

        tx.Respond(180, toTag: "t1");
        Receive(SipWire.Invite()); // retransmission: not a new request for the TU
        Assert.Single(_user.Requests);
        Assert.Equal([100, 180, 180], _sender.Responses.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_non_2xx_final_is_retransmitted_by_timer_G_until_the_ACK_then_timer_I_ends_it()
    {
        Receive(SipWire.Invite(branch: "z9hG4bKg1"));
        var tx = (ServerInviteTransaction)_user.Requests[0];
        tx.Respond(486, toTag: "t1");
        Assert.Equal(TransactionState.Completed, tx.State);
        Assert.Equal(2, _sender.Count);

        Advance(500);   // G: T1
        Advance(1000);  // 2T1
        Advance(2000);  // 4T1
        Advance(4000);  // capped at T2
        Advance(4000);
        Assert.Equal(7, _sender.Count);
        Assert.All(_sender.Responses.Skip(1), r => Assert.Equal(486, r.StatusCode));

        Receive(SipWire.Request("ACK", "z9hG4bKg1", toTag: "t1").Replace("CSeq: 1 ACK", "CSeq: 1 ACK"));
        Assert.Equal(TransactionState.Confirmed, tx.State);
        Assert.Empty(_user.Acks); // the ACK of a non-2xx belongs to the transaction
        Advance(8000);
        Assert.Equal(7, _sender.Count);
        Assert.Equal(TransactionState.Terminated, tx.State); // Timer I = T4
        Assert.Equal(TransactionEnd.Response, (await tx.Ended));
    }

    [Fact]
    public async Task Without_an_ACK_timer_H_ends_the_transaction_at_64_T1()
    {
        Receive(SipWire.Invite(branch: "z9hG4bKh1"));
        var tx = (ServerInviteTransaction)_user.Requests[0];
        tx.Respond(404, toTag: "t1");
        Advance(31_999);
        Assert.Equal(TransactionState.Completed, tx.State);
        Advance(1);
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(TransactionEnd.Timeout, (await tx.Ended));
    }

    [Fact]
    public void A_2xx_moves_to_Accepted_where_retransmitted_invites_are_absorbed_and_the_ACK_goes_to_the_TU()
    {
        Receive(SipWire.Invite(branch: "z9hG4bKok"));
        var tx = (ServerInviteTransaction)_user.Requests[0];
        tx.Respond(200, toTag: "t1");
        Assert.Equal(TransactionState.Accepted, tx.State);
        Receive(SipWire.Invite(branch: "z9hG4bKok"));
        Assert.Equal(2, _sender.Count); // 100 and 200 only: the core, not the transaction, resends a 2xx
        Receive(SipWire.Request("ACK", "z9hG4bKack", toTag: "t1"));
        Assert.Single(_user.Acks);
        Advance(32_000); // Timer L
        Assert.Equal(TransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Non_invite_absorbs_retransmissions_while_Trying_and_resends_its_final_while_Completed()
    {
        Receive(SipWire.Request("OPTIONS", "z9hG4bKo1"));
        var tx = (ServerNonInviteTransaction)_user.Requests[0];
        Receive(SipWire.Request("OPTIONS", "z9hG4bKo1"));
        Assert.Equal(0, _sender.Count);
        tx.Respond(200, toTag: "t1");
        Receive(SipWire.Request("OPTIONS", "z9hG4bKo1"));
        Assert.Equal([200, 200], _sender.Responses.Select(r => r.StatusCode));
        Advance(31_999);
        Assert.Equal(TransactionState.Completed, tx.State);
        Advance(1); // Timer J = 64*T1 on UDP
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Single(_user.Requests);
    }

    [Fact]
    public void A_CANCEL_gets_200_and_signals_the_invite_and_an_unmatched_CANCEL_gets_481()
    {
        Receive(SipWire.Invite(branch: "z9hG4bKc1"));
        var invite = (ServerInviteTransaction)_user.Requests[0];
        int signalled = 0;
        invite.CancelRequested += _ => signalled++;
        Receive(SipWire.Request("CANCEL", "z9hG4bKc1"));
        Assert.Equal(1, signalled);
        Assert.True(invite.IsCancelled);
        Assert.Equal(200, _sender.Responses[^1].StatusCode);
        Assert.Equal(SipMethod.Cancel, _sender.Responses[^1].CSeq.Method);

        Receive(SipWire.Request("CANCEL", "z9hG4bKnone"));
        Assert.Equal(481, _sender.Responses[^1].StatusCode);
        Assert.Single(_user.Requests); // CANCELs are handled by the layer, not passed up as new requests
    }

    [Fact]
    public void After_its_final_response_the_invite_lets_go_of_the_cancel_handler_while_it_lingers_for_timer_L()
    {
        Receive(SipWire.Invite(branch: "z9hG4bKg1"));
        var invite = (ServerInviteTransaction)_user.Requests[0];
        WeakReference handlerOwner = Subscribe(invite);

        invite.Respond(200, toTag: "t1");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // RFC 6026 Accepted: the transaction stays for 64*T1, but what the TU hung on it does not.
        Assert.Equal(TransactionState.Accepted, invite.State);
        Assert.False(handlerOwner.IsAlive, "the ended call's handler is still reachable from the transaction");

        // A CANCEL now still gets its 200 (RFC 3261 9.2) and changes nothing.
        Receive(SipWire.Request("CANCEL", "z9hG4bKg1"));
        Assert.Equal(200, _sender.Responses[^1].StatusCode);
        Assert.Equal(TransactionState.Accepted, invite.State);
    }

    [Fact]
    public void After_its_final_response_a_bye_lingers_for_timer_J_without_its_parsed_request_and_still_resends_the_response()
    {
        Receive(SipWire.Request("BYE", "z9hG4bKj1"));
        var bye = (ServerNonInviteTransaction)_user.Requests[0];
        WeakReference request = RequestOf(bye);

        bye.Respond(200);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Completed for 64*T1 to absorb retransmissions: it needs the key and the bytes, not the request.
        Assert.Equal(TransactionState.Completed, bye.State);
        Assert.False(request.IsAlive, "the parsed BYE is still reachable from the lingering transaction");
        Assert.Throws<InvalidOperationException>(() => bye.Request);
        Receive(SipWire.Request("BYE", "z9hG4bKj1")); // a retransmission gets the same 200 again
        Assert.Equal([200, 200], _sender.Responses.Select(r => r.StatusCode));
        Assert.Single(_user.Requests);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RequestOf(ServerTransaction transaction) => new(transaction.Request);

    // Not inlined, so that no local of the test keeps the owner alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference Subscribe(ServerInviteTransaction invite)
    {
        var owner = new List<int>(); // stands for the TU's call
        invite.CancelRequested += _ => owner.Add(1);
        return new WeakReference(owner);
    }

    [Fact]
    public void A_request_with_the_same_branch_from_another_sent_by_is_another_transaction()
    {
        Receive(SipWire.Request("OPTIONS", "z9hG4bKs1"));
        Receive(SipWire.Request("OPTIONS", "z9hG4bKs1").Replace("127.0.0.1:5070;branch", "127.0.0.2:5070;branch"));
        Assert.Equal(2, _user.Requests.Count);
    }
}
