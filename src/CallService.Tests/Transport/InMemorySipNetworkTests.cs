using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using static CallService.Sip.Transport.TransportTestKit;

namespace CallService.Sip.Transport;

public sealed class InMemorySipNetworkTests
{
    private static readonly SipEndPoint AliceUdp = Udp("192.0.2.1", 5060);
    private static readonly SipEndPoint AliceTcp = Tcp("192.0.2.1", 5060);
    private static readonly SipEndPoint BobUdp = Udp("192.0.2.2", 5060);
    private static readonly SipEndPoint BobTcp = Tcp("192.0.2.2", 5060);

    [Fact]
    public async Task Udp_is_delivered_synchronously_and_the_reply_follows_the_flow()
    {
        var time = new FakeTimeProvider();
        var network = new InMemorySipNetwork(time);
        InMemorySipTransport alice = network.AddTransport(AliceUdp, AliceTcp);
        InMemorySipTransport bob = network.AddTransport(BobUdp);
        var atAlice = new PacketCollector();
        alice.SetPacketHandler(atAlice.Handle);
        bob.SetPacketHandler((in SipInboundPacket packet) =>
        {
            // A handler that answers at once, the way a transaction layer sends 100 Trying.
            Assert.Equal(AliceUdp, packet.Remote);
            Assert.Equal(BobUdp, packet.Local);
            Assert.Equal(time.GetTimestamp(), packet.ReceivedTimestamp);
            ValueTask reply = bob.SendAsync(Ascii("SIP/2.0 100 Trying\r\n\r\n"), packet.Flow, CancellationToken.None);
            Assert.True(reply.IsCompletedSuccessfully);
        });

        await alice.SendAsync(Ascii("INVITE"), BobUdp, CancellationToken.None);

        Assert.True(atAlice.TryNext(out ReceivedCopy? reply));
        Assert.Equal("SIP/2.0 100 Trying\r\n\r\n", reply!.Text);
        Assert.Equal(BobUdp, reply.Remote);
        Assert.Equal(["INVITE", "SIP/2.0 100 Trying\r\n\r\n"], network.Sent.Select(p => p.Text));
        Assert.Equal("INVITE", Assert.Single(alice.Sent).Text);
        Assert.Equal("INVITE", Assert.Single(bob.Received).Text);
        Assert.Equal(AliceUdp, alice.Sent[0].From);
        Assert.Equal(BobUdp, alice.Sent[0].To);
    }

    [Fact]
    public async Task Tcp_opens_one_connection_both_sides_share()
    {
        var network = new InMemorySipNetwork();
        InMemorySipTransport alice = network.AddTransport(AliceTcp);
        InMemorySipTransport bob = network.AddTransport(BobTcp);
        var atAlice = new PacketCollector();
        var atBob = new PacketCollector();
        alice.SetPacketHandler(atAlice.Handle);
        bob.SetPacketHandler(atBob.Handle);

        await alice.SendAsync(Ascii("REGISTER"), BobTcp, CancellationToken.None);
        Assert.True(atBob.TryNext(out ReceivedCopy? register));
        await bob.SendAsync(Ascii("200"), register!.Flow, CancellationToken.None);
        await bob.SendAsync(Ascii("NOTIFY"), AliceTcp, CancellationToken.None);

        Assert.True(register.ConnectionId > 0);
        Assert.True(atAlice.TryNext(out ReceivedCopy? ok));
        Assert.True(atAlice.TryNext(out ReceivedCopy? notify));
        Assert.Equal(register.ConnectionId, ok!.ConnectionId);
        Assert.Equal(register.ConnectionId, notify!.ConnectionId);

        Assert.True(network.CloseConnection(register.ConnectionId));
        var closed = await Assert.ThrowsAsync<SipTransportException>(
            async () => await bob.SendAsync(Ascii("200"), register.Flow, CancellationToken.None));
        Assert.Equal(SipTransportError.ConnectionClosed, closed.Error);

        // A later send opens a new connection.
        await alice.SendAsync(Ascii("INVITE"), BobTcp, CancellationToken.None);
        Assert.True(atBob.TryNext(out ReceivedCopy? invite));
        Assert.NotEqual(register.ConnectionId, invite!.ConnectionId);
    }

    [Fact]
    public async Task Nobody_listening_loses_udp_and_fails_tcp()
    {
        var network = new InMemorySipNetwork();
        InMemorySipTransport alice = network.AddTransport(AliceUdp, AliceTcp);

        await alice.SendAsync(Ascii("OPTIONS"), BobUdp, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<SipTransportException>(
            async () => await alice.SendAsync(Ascii("OPTIONS"), BobTcp, CancellationToken.None));
        var noTls = await Assert.ThrowsAsync<SipTransportException>(
            async () => await alice.SendAsync(Ascii("OPTIONS"), new SipEndPoint(SipProtocol.Tls, BobTcp.EndPoint), CancellationToken.None));

        Assert.Single(network.Sent);
        Assert.Equal(SipTransportError.ConnectFailed, refused.Error);
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketError);
        Assert.Equal(SipTransportError.NoListener, noTls.Error);
    }

    [Fact]
    public async Task Queued_delivery_waits_for_the_test_to_pump()
    {
        var network = new InMemorySipNetwork(delivery: InMemorySipDelivery.Queued);
        InMemorySipTransport alice = network.AddTransport(AliceUdp);
        InMemorySipTransport bob = network.AddTransport(BobUdp);
        var atAlice = new PacketCollector();
        alice.SetPacketHandler(atAlice.Handle);
        bob.SetPacketHandler((in SipInboundPacket packet) =>
            bob.SendAsync(packet.Data, packet.Flow, CancellationToken.None).AsTask().GetAwaiter().GetResult());

        await alice.SendAsync(Ascii("ping-1"), BobUdp, CancellationToken.None);
        await alice.SendAsync(Ascii("ping-2"), BobUdp, CancellationToken.None);

        Assert.Equal(2, network.PendingCount);
        Assert.Empty(bob.Received);
        Assert.True(network.DeliverNext());
        Assert.Single(bob.Received);
        Assert.Equal(3, network.DeliverAll()); // ping-2, and both echoes
        Assert.False(network.DeliverNext());
        Assert.True(atAlice.TryNext(out ReceivedCopy? first));
        Assert.True(atAlice.TryNext(out ReceivedCopy? second));
        Assert.Equal("ping-1", first!.Text);
        Assert.Equal("ping-2", second!.Text);
    }

    [Fact]
    public async Task Intercept_drops_or_fails_chosen_packets()
    {
        var network = new InMemorySipNetwork();
        InMemorySipTransport alice = network.AddTransport(AliceUdp);
        InMemorySipTransport bob = network.AddTransport(BobUdp);
        int sends = 0;
        network.Intercept = packet => ++sends switch
        {
            1 => InMemorySipFate.Drop, // a lost datagram: the client retransmits (Timer A)
            2 => InMemorySipFate.Fail,
            _ => InMemorySipFate.Deliver,
        };

        await alice.SendAsync(Ascii("INVITE"), BobUdp, CancellationToken.None);
        var failed = await Assert.ThrowsAsync<SipTransportException>(
            async () => await alice.SendAsync(Ascii("INVITE"), BobUdp, CancellationToken.None));
        await alice.SendAsync(Ascii("INVITE"), BobUdp, CancellationToken.None);

        Assert.Equal(SipTransportError.SendFailed, failed.Error);
        Assert.Equal([InMemorySipFate.Drop, InMemorySipFate.Fail, InMemorySipFate.Deliver], network.Sent.Select(p => p.Fate));
        Assert.Single(bob.Received);
    }

    [Fact]
    public async Task Handler_exceptions_surface_to_the_test()
    {
        var network = new InMemorySipNetwork();
        InMemorySipTransport alice = network.AddTransport(AliceUdp);
        InMemorySipTransport bob = network.AddTransport(BobUdp);
        bob.SetPacketHandler((in SipInboundPacket _) => throw new InvalidOperationException("bug under test"));

        await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await alice.SendAsync(Ascii("OPTIONS"), BobUdp, CancellationToken.None));
    }

    [Fact]
    public void An_endpoint_belongs_to_one_transport()
    {
        var network = new InMemorySipNetwork();
        network.AddTransport(AliceUdp);

        Assert.Throws<ArgumentException>(() => network.AddTransport(AliceUdp));
        Assert.Throws<ArgumentException>(() => network.AddTransport());
    }

    [Fact]
    public async Task Cancelled_send_is_not_recorded()
    {
        var network = new InMemorySipNetwork();
        InMemorySipTransport alice = network.AddTransport(AliceUdp);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await alice.SendAsync(Ascii("OPTIONS"), BobUdp, new CancellationToken(canceled: true)));

        Assert.Empty(network.Sent);
    }
}
