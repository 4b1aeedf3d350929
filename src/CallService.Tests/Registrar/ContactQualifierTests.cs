using CallService.Sip.Messages;
using CallService.Sip.Registrar;
using CallService.Sip.Transport;
using CallService.Tests.Support;

namespace CallService.Tests.Registrar;

/// <summary>OPTIONS qualify on fake time: a contact that stops answering is marked unreachable after
/// N unanswered pings, and reachable again when it answers or registers again.</summary>
public sealed class ContactQualifierTests : IDisposable
{
    private static readonly TimeSpan TimerF = TimeSpan.FromSeconds(32); // 64*T1 with T1 = 500 ms

    private readonly RegistrarHarness _h = new();
    private readonly ContactQualifier _qualifier;
    private readonly HashSet<string> _dead = [];

    public ContactQualifierTests()
    {
        _qualifier = new ContactQualifier(_h.Stack.UserAgent, _h.Store, new QualifyOptions { Interval = TimeSpan.FromSeconds(30), MaxFailures = 2 });
        _h.Network.Intercept = packet => _dead.Contains(packet.To.EndPoint.Address.ToString()) ? InMemorySipFate.Drop : InMemorySipFate.Deliver;
    }

    public void Dispose()
    {
        _qualifier.Dispose();
        _h.Dispose();
    }

    private SipBinding Binding(string host) => _h.Store.GetAll().Single(b => b.Source.EndPoint.Address.ToString() == host);

    private IReadOnlyList<InMemorySipPacket> OptionsTo(string host) =>
        [.. _h.Network.Sent.Where(p => p.To.EndPoint.Address.ToString() == host && p.Text.StartsWith("OPTIONS ", StringComparison.Ordinal))];

    /// <summary>One ping round for a dead contact: the interval, then Timer F, waiting for the timeout to be counted.</summary>
    private async Task UnansweredPingAsync(long bindingId, int failuresAfter)
    {
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        _h.Time.Advance(TimerF);
        await Eventually.True(() => _qualifier.ConsecutiveFailures(bindingId) == failuresAfter, $"{failuresAfter} unanswered OPTIONS counted");
    }

    [Fact]
    public async Task A_contact_that_stops_answering_is_unreachable_after_N_pings_and_reachable_when_it_answers_again()
    {
        _qualifier.Start();
        var live = _h.AddPhone("10.0.0.2");
        var dying = _h.AddPhone("10.0.0.3");
        await _h.RegisterAsync(live, "8001", "alice-pw");
        await _h.RegisterAsync(dying, "8001", "alice-pw", contacts: ["<sip:8001@192.168.1.20:5060>"]);
        long dyingId = Binding("10.0.0.3").Id;
        _dead.Add("10.0.0.3");

        await UnansweredPingAsync(dyingId, 1);
        Assert.True(Binding("10.0.0.3").IsReachable);
        await UnansweredPingAsync(dyingId, 2);

        await Eventually.True(() => !Binding("10.0.0.3").IsReachable, "the dead contact marked unreachable");
        Assert.True(Binding("10.0.0.2").IsReachable);
        Assert.Equal(0, _qualifier.ConsecutiveFailures(Binding("10.0.0.2").Id));
        Assert.Contains(_h.Changes, c => c.Kind == BindingChangeKind.ReachabilityChanged && c.Binding.Id == dyingId && !c.Binding.IsReachable);

        // The OPTIONS went where the REGISTER came from, asking for the registered (private) contact.
        InMemorySipPacket ping = OptionsTo("10.0.0.3")[0];
        Assert.Equal(5060, ping.To.EndPoint.Port);
        Assert.StartsWith("OPTIONS sip:8001@192.168.1.20:5060 SIP/2.0", ping.Text, StringComparison.Ordinal);

        // Unreachable contacts are still pinged; the first answer makes it reachable again.
        _dead.Clear();
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await Eventually.True(() => Binding("10.0.0.3").IsReachable, "the contact reachable after answering");
        Assert.Equal(0, _qualifier.ConsecutiveFailures(dyingId));
    }

    [Fact]
    public async Task Registering_again_makes_an_unreachable_contact_reachable_and_restarts_the_count()
    {
        _qualifier.Start();
        var phone = _h.AddPhone("10.0.0.3");
        RegisterExchange first = await _h.RegisterAsync(phone, "8001", "alice-pw", callId: "q@10.0.0.3");
        long id = Binding("10.0.0.3").Id;
        _dead.Add("10.0.0.3");
        await UnansweredPingAsync(id, 1);
        await UnansweredPingAsync(id, 2);
        await Eventually.True(() => !Binding("10.0.0.3").IsReachable, "unreachable");

        _dead.Clear();
        RegisterExchange again = await _h.RegisterAsync(phone, "8001", "alice-pw", callId: first.CallId, cseq: first.CSeq + 1);

        Assert.Equal(200, again.StatusCode);
        Assert.True(Binding("10.0.0.3").IsReachable);
        Assert.Equal(0, _qualifier.ConsecutiveFailures(id));
    }

    [Fact]
    public async Task A_removed_binding_is_no_longer_pinged()
    {
        _qualifier.Start();
        var phone = _h.AddPhone("10.0.0.2");
        RegisterExchange ok = await _h.RegisterAsync(phone, "8001", "alice-pw", expires: 60);
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await Eventually.True(() => _qualifier.PingsCompleted == 1, "one answered ping");

        _h.Time.Advance(TimeSpan.FromSeconds(30)); // expires at 60 s, as the next ping falls due
        _h.Time.Advance(TimeSpan.FromSeconds(120));

        Assert.Empty(_h.Store.GetAll());
        Assert.True(OptionsTo("10.0.0.2").Count <= 2, $"{OptionsTo("10.0.0.2").Count} OPTIONS after the binding expired");
        long sent = _qualifier.PingsSent;
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(sent, _qualifier.PingsSent);
        Assert.Equal(200, ok.StatusCode);
    }
}
