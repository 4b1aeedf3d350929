using CallService.Sip.Auth;
using CallService.Sip.Core;
using CallService.Sip.Transport;
using CallService.Tests.Records;

namespace CallService.Tests.Registrar;

/// <summary>Repeated authentication failures from one address: 403 once, then silence, while agents
/// elsewhere keep registering; logged with fixed event ids.</summary>
public sealed class RegistrarThrottleTests : IDisposable
{
    private readonly RecordingLogger _log = new();
    private readonly RegistrarHarness _h;

    public RegistrarThrottleTests()
    {
        _h = new RegistrarHarness(throttle: new AuthFailureThrottleOptions
        {
            MaxFailures = 3,
            Window = TimeSpan.FromMinutes(1),
            BlockDuration = TimeSpan.FromMinutes(5),
        }, logger: _log);
    }

    public void Dispose() => _h.Dispose();

    private int ResponsesTo(SipStack phone) =>
        _h.Network.Sent.Count(p => p.From == RegistrarHarness.RegistrarEndPoint
            && p.To.EndPoint.Address.ToString() == phone.Options.AdvertisedHost && p.Text.StartsWith("SIP/2.0 ", StringComparison.Ordinal));

    [Fact]
    public async Task After_N_failures_one_403_then_drops_while_a_good_agent_from_another_address_registers()
    {
        var attacker = _h.AddPhone("10.0.0.66");
        var agent = _h.AddPhone("10.0.0.2");

        // Two wrong passwords are re-challenged; the third blocks the address and is answered 403.
        Assert.Equal(401, (await _h.RegisterAsync(attacker, "8001", "guess-1")).StatusCode);
        Assert.Equal(401, (await _h.RegisterAsync(attacker, "8001", "guess-2")).StatusCode);
        RegisterExchange third = await _h.RegisterAsync(attacker, "8001", "guess-3");
        Assert.Equal(403, third.StatusCode);
        Assert.True(_h.Throttle.IsBlocked(System.Net.IPAddress.Parse("10.0.0.66")));

        // From now on nothing is answered, not even a challenge, and nothing lingers in the transaction layer.
        int answered = ResponsesTo(attacker);
        int transactions = _h.Stack.Transactions.Count;
        var pending = new List<Task>();
        for (int i = 0; i < 20; i++)
        {
            pending.Add(_h.SendAsync(attacker, "8001", $"flood-{i}@10.0.0.66", 1));
        }

        Assert.Equal(answered, ResponsesTo(attacker));
        Assert.All(pending, t => Assert.False(t.IsCompleted));
        Assert.Equal(transactions, _h.Stack.Transactions.Count);

        // A good agent elsewhere is not affected.
        RegisterExchange ok = await _h.RegisterAsync(agent, "8001", "alice-pw");
        Assert.Equal(200, ok.StatusCode);
        Assert.Single(_h.Registrar.GetBindings("8001"));

        // The block is per address: even the right password is dropped from the blocked one...
        var blockedGood = _h.SendAsync(attacker, "8002", "good@10.0.0.66", 1);
        Assert.False(blockedGood.IsCompleted);
        Assert.Empty(_h.Registrar.GetBindings("8002"));

        // ...until the block ends.
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(pending.Append(blockedGood)).WaitAsync(TimeSpan.FromSeconds(5)); // timed out by Timer F meanwhile
        Assert.Equal(200, (await _h.RegisterAsync(attacker, "8002", "bob-pw")).StatusCode);

        Assert.Contains(_log.Entries, e => e.EventId == 2106 && Equals(e.Properties["Source"], "udp:10.0.0.66:5060"));
        Assert.Equal(3, _log.Entries.Count(e => e.EventId == 2105));
        Assert.Equal(21, _log.Entries.Count(e => e.EventId == 2107));
    }

    [Fact]
    public async Task Challenges_alone_are_not_failures()
    {
        var phone = _h.AddPhone("10.0.0.2");
        for (int i = 0; i < 10; i++)
        {
            var (_, outcome) = await _h.SendAsync(phone, "8001", $"probe-{i}@10.0.0.2", 1);
            Assert.Equal(401, outcome.StatusCode);
        }

        Assert.False(_h.Throttle.IsBlocked(System.Net.IPAddress.Parse("10.0.0.2")));
        Assert.Equal(200, (await _h.RegisterAsync(phone, "8001", "alice-pw")).StatusCode);
    }

    [Fact]
    public async Task Malformed_credentials_get_400_and_count_as_failures()
    {
        var phone = _h.AddPhone("10.0.0.2");
        for (int i = 0; i < 2; i++)
        {
            var (_, outcome) = await _h.SendAsync(phone, "8001", $"bad-{i}@10.0.0.2", 1, authorization: "Digest username=\"8001\"");
            Assert.Equal(400, outcome.StatusCode);
        }

        var (_, third) = await _h.SendAsync(phone, "8001", "bad-2@10.0.0.2", 1, authorization: "Digest nonsense");
        Assert.Equal(403, third.StatusCode);
    }
}
