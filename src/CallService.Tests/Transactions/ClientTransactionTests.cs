using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Transactions;

/// <summary>RFC 3261 17.1: client INVITE and non-INVITE machines driven byte for byte on fake time.</summary>
public sealed class ClientTransactionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSender _sender = new();
    private readonly SipTransactionLayer _layer;
    private readonly NullUser _user = new();

    public ClientTransactionTests()
    {
        _layer = new SipTransactionLayer(_sender, _time);
        _layer.SetUser(_user);
    }

    public void Dispose() => _layer.Dispose();

    private void Advance(double ms) => _time.Advance(TimeSpan.FromMilliseconds(ms));

    private void Deliver(string response) => _layer.OnResponse(SipWire.Parse<SipResponse>(response), SipWire.Peer);

    [Fact]
    public async Task Invite_over_udp_is_retransmitted_by_timer_A_and_times_out_by_timer_B_at_64_T1()
    {
        var tx = _layer.StartClient(SipWire.Parse<SipRequest>(SipWire.OutRequest("INVITE", "z9hG4bKa1")), SipWire.Peer);
        Assert.Equal(1, _sender.Count);

        // Timer A: T1, 2T1, 4T1 ... after the first send: at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s.
        double[] sendTimes = [500, 1500, 3500, 7500, 15500, 31500];
        double now = 0;
        foreach (double at in sendTimes)
        {
            Advance(at - now - 1);
            int before = _sender.Count;
            Advance(1);
            now = at;
            Assert.Equal(before + 1, _sender.Count);
        }
        Assert.False(tx.Completion.IsCompleted);
        Advance(32000 - now - 1);
        Assert.False(tx.Completion.IsCompleted);
        Advance(1); // Timer B = 64*T1 = 32 s
        Assert.True(tx.Completion.IsCompleted);
        Assert.Equal(TransactionEnd.Timeout, (await tx.Completion).End);
        Assert.Equal(408, (await tx.Completion).StatusCode);
        Assert.Equal(0, _layer.Count);
        Assert.All(_sender.Requests, r => Assert.Equal("z9hG4bKa1", r.TopVia.Branch));
    }

    [Fact]
    public void A_provisional_response_stops_timer_A_and_is_passed_up()
    {
        var seen = new List<int>();
        var tx = _layer.StartClient(SipWire.Parse<SipRequest>(SipWire.OutRequest("INVITE", "z9hG4bKa2")), SipWire.Peer,
            (_, r) => seen.Add(r.StatusCode));
        Deliver(SipWire.Response(180, "Ringing", "z9hG4bKa2"));
        Assert.Equal(TransactionState.Proceeding, tx.State);
        Advance(60_000);
        Assert.Equal(1, _sender.Count); // no retransmission once Proceeding, and no Timer B either
        Assert.Equal([180], seen);
        Assert.False(tx.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_non_2xx_final_is_acked_in_the_transaction_and_retransmissions_get_the_same_ack()
    {
        var tx = _layer.StartClient(SipWire.Parse<SipRequest>(SipWire.OutRequest("INVITE", "z9hG4bKa3")), SipWire.Peer);
        Deliver(SipWire.Response(486, "Busy Here", "z9hG4bKa3"));
        Assert.Equal(TransactionState.Completed, tx.State);
        Assert.Equal(486, (await tx.Completion).StatusCode);

        var ack = Assert.IsType<SipRequest>(_sender.Messages[^1]);
        Assert.Equal(SipMethod.Ack, ack.Method);
        Assert.Equal("z9hG4bKa3", ack.TopVia.Branch); // RFC 3261 17.1.1.3: same branch as the INVITE
        Assert.Equal("to1", ack.To.Tag);
        Assert.Equal(1u, ack.CSeq.Number);
        Assert.Equal(SipMethod.Ack, ack.CSeq.Method);
        Assert.Equal("sip:agent@127.0.0.1:5070", ack.RequestUri.ToString());

        Deliver(SipWire.Response(486, "Busy Here", "z9hG4bKa3"));
        Assert.Equal(3, _sender.Count);
        Assert.Equal(SipMethod.Ack, ((SipRequest)_sender.Messages[^1]).Method);

        Advance(31_999);
        Assert.Equal(TransactionState.Completed, tx.State);
        Advance(1); // Timer D: 32 s on UDP
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(0, _layer.Count);
    }

    [Fact]
    public async Task A_2xx_moves_to_Accepted_and_every_2xx_goes_to_the_TU_until_timer_M()
    {
        var seen = new List<int>();
        var tx = _layer.StartClient(SipWire.Parse<SipRequest>(SipWire.OutRequest("INVITE", "z9hG4bKa4")), SipWire.Peer,
            (_, r) => seen.Add(r.StatusCode));
        Deliver(SipWire.Response(200, "OK", "z9hG4bKa4"));
        Assert.Equal(TransactionState.Accepted, tx.State);
        Assert.True((await tx.Completion).IsSuccess);
        Deliver(SipWire.Response(200, "OK", "z9hG4bKa4"));
        Assert.Equal([200, 200], seen);
        Assert.Equal(1, _sender.Count); // the transaction does not ACK a 2xx (RFC 3261 13.2.2.4: the TU does)
        Advance(32_000);
        Assert.Equal(TransactionState.Terminated, tx.State);
        Deliver(SipWire.Response(200, "OK", "z9hG4bKa4"));
        Assert.Single(_user.StrayResponses);
    }

    [Fact]
    public async Task Non_invite_retransmits_doubling_up_to_T2_then_times_out_by_timer_F()
    {
        var tx = _layer.StartClient(SipWire.Parse<SipRequest>(SipWire.OutRequest("OPTIONS", "z9hG4bKn1")), SipWire.Peer);
        // Timer E: 0.5, 1, 2, 4, 4, 4 ... s after each send: sends at 0, .5, 1.5, 3.5, 7.5, 11.5, ... 31.5.
        Advance(31_999);
        Assert.Equal(11, _sender.Count);
        Assert.False(tx.Completion.IsCompleted);
        Advance(1);
        Assert.Equal(TransactionEnd.Timeout, (await tx.Completion).End);
    }

    [Fact]
    public void Non_invite_in_Proceeding_retransmits_every_T2_and_Completed_lingers_T4()
    {
        var tx = _layer.StartClient(SipWire.Parse<SipRequest>(SipWire.OutRequest("REGISTER", "z9hG4bKn2")), SipWire.Peer);
        Deliver(SipWire.Response(100, "Trying", "z9hG4bKn2", "REGISTER"));
        Assert.Equal(TransactionState.Proceeding, tx.State);
        Advance(500); // the first Timer E was armed at T1 while Trying
        Assert.Equal(2, _sender.Count);
        Advance(3_999);
        Assert.Equal(2, _sender.Count);
        Advance(1); // then every T2
        Assert.Equal(3, _sender.Count);
        Deliver(SipWire.Response(200, "OK", "z9hG4bKn2", "REGISTER"));
        Assert.Equal(TransactionState.Completed, tx.State);
        Advance(4_999);
        Assert.Equal(TransactionState.Completed, tx.State);
        Advance(1); // Timer K = T4
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(3, _sender.Count);
    }

    [Fact]
    public void Over_tcp_nothing_is_retransmitted_and_completed_transactions_end_at_once()
    {
        var tx = _layer.StartClient(SipWire.Parse<SipRequest>(SipWire.OutRequest("INVITE", "z9hG4bKt1")), SipWire.PeerTcp);
        Advance(10_000);
        Assert.Equal(1, _sender.Count);
        Deliver(SipWire.Response(603, "Decline", "z9hG4bKt1"));
        Assert.Equal(2, _sender.Count); // the ACK
        Advance(0.001); // Timer D = 0 on a reliable transport
        Assert.Equal(TransactionState.Terminated, tx.State);
    }

    [Fact]
    public async Task A_transport_failure_ends_the_transaction_with_TransportError()
    {
        _sender.FailWhen = _ => true;
        var tx = _layer.StartClient(SipWire.Parse<SipRequest>(SipWire.OutRequest("INVITE", "z9hG4bKe1")), SipWire.Peer);
        Assert.True(tx.Completion.IsCompleted);
        Assert.Equal(TransactionEnd.TransportError, (await tx.Completion).End);
        Assert.Equal(0, _layer.Count);
    }

    [Fact]
    public void Responses_are_matched_on_branch_and_method()
    {
        var invite = _layer.StartClient(SipWire.Parse<SipRequest>(SipWire.OutRequest("INVITE", "z9hG4bKm1")), SipWire.Peer);
        // Same branch, other method (a CANCEL's 200): must not complete the INVITE transaction.
        Deliver(SipWire.Response(200, "OK", "z9hG4bKm1", "CANCEL"));
        Assert.False(invite.Completion.IsCompleted);
        Assert.Single(_user.StrayResponses);
    }
}
