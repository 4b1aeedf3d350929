using System.Net;
using CallService.Agents;
using CallService.Sip.Auth;
using CallService.Sip.Messages;
using CallService.Sip.Registrar;
using CallService.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Agents;

/// <summary>Presence from registration, call events and the agent; the directory's answers; fake time for wrap-up and expiry.</summary>
public sealed class AgentPresenceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryRegistrationStore _store;
    private readonly AgentRoster _roster;
    private readonly AgentPresence _presence;
    private readonly AgentDirectory _directory;
    private readonly List<AgentPresenceChange> _changes = [];

    public AgentPresenceTests()
    {
        var options = new AgentsOptions();
        options.Agents.Add(new AgentOptions
        {
            Id = "amy", DisplayName = "小林", SipUser = "8001", Desk = "front-desk", Lines = ["sales"], WrapUpSeconds = 20,
            Ha1Md5 = AgentsConfiguration.Md5("8001", AgentsConfiguration.AmyPassword), Ha1Sha256 = AgentsConfiguration.Sha256("8001", AgentsConfiguration.AmyPassword),
        });
        options.Agents.Add(new AgentOptions
        {
            Id = "ben", DisplayName = "Ben", SipUser = "8002", Desk = "bar", Lines = ["sales", "bar"], WrapUpSeconds = 0,
            Ha1Md5 = AgentsConfiguration.Md5("8002", AgentsConfiguration.BenPassword),
        });
        _store = new InMemoryRegistrationStore(_time);
        _roster = new AgentRoster(options, new RegistrarOptions { Realm = "callservice" });
        _presence = new AgentPresence(_roster, _store, _time);
        _presence.Changed += c => _changes.Add(c);
        _directory = new AgentDirectory(_roster, _presence, _store);
    }

    public void Dispose()
    {
        _presence.Dispose();
        _store.Dispose();
    }

    private SipBinding Bind(string sipUser, string contactHost, TimeSpan? expires = null, string source = "203.0.113.5:40000")
    {
        string aor = _roster.FindBySipUser(sipUser)!.AddressOfRecord;
        var binding = new SipBinding
        {
            AddressOfRecord = aor,
            Contact = SipNameAddress.Parse($"<sip:{sipUser}@{contactHost}>"),
            CallId = Guid.NewGuid().ToString("N"),
            CSeq = 1,
            ExpiresAt = _time.GetUtcNow() + (expires ?? TimeSpan.FromHours(1)),
            RegisteredAt = _time.GetUtcNow(),
            Source = new SipEndPoint(SipProtocol.Udp, IPEndPoint.Parse(source)),
        };
        return _store.Update(aor, current => [.. current, binding])!.Single(b => b.IsFor(binding.ContactUri));
    }

    [Fact]
    public void Agents_are_offline_until_a_contact_registers_and_offline_again_when_it_expires()
    {
        Assert.Equal(AgentState.Offline, _presence.GetState("amy"));
        Assert.Empty(_directory.AvailableAgentsForLine("sales"));

        Bind("8001", "192.168.1.20:5060", TimeSpan.FromSeconds(120));
        Assert.Equal(AgentState.Available, _presence.GetState("amy"));
        Assert.Equal(["amy"], _directory.AvailableAgentsForLine("SALES").Select(a => a.Id));

        _time.Advance(TimeSpan.FromSeconds(120));
        Assert.Equal(AgentState.Offline, _presence.GetState("amy"));
        Assert.Equal(
        [
            new AgentPresenceChange("amy", AgentState.Offline, AgentState.Available),
            new AgentPresenceChange("amy", AgentState.Available, AgentState.Offline),
        ], _changes);
    }

    [Fact]
    public void An_unreachable_contact_is_not_rung_and_the_agent_is_offline_when_none_answers()
    {
        SipBinding desk = Bind("8001", "192.168.1.20:5060");
        SipBinding headset = Bind("8001", "192.168.1.21:5060", source: "203.0.113.5:40002");

        _store.SetReachable(desk.AddressOfRecord, desk.Id, false);
        Assert.Equal(AgentState.Available, _presence.GetState("amy"));
        SipBinding only = Assert.Single(_directory.ReachableContacts("amy"));
        Assert.Equal(headset.Id, only.Id);
        Assert.Equal("udp:203.0.113.5:40002", only.Source.ToString());
        Assert.Equal(2, _directory.Contacts(_roster.Find("amy")!).Count);

        _store.SetReachable(headset.AddressOfRecord, headset.Id, false);
        Assert.Equal(AgentState.Offline, _presence.GetState("amy"));
        Assert.Empty(_directory.ReachableContacts("amy"));

        _store.SetReachable(desk.AddressOfRecord, desk.Id, true);
        Assert.Equal(AgentState.Available, _presence.GetState("amy"));
    }

    [Fact]
    public void Ringing_then_on_call_then_wrap_up_for_the_configured_seconds_then_available()
    {
        Bind("8001", "192.168.1.20:5060");

        Assert.True(_presence.MarkRinging("amy", "call-1"));
        Assert.Equal(AgentState.Ringing, _presence.GetState("amy"));
        Assert.Empty(_directory.AvailableAgentsForLine("sales"));
        _presence.MarkOnCall("amy", "call-1");
        Assert.Equal(AgentState.OnCall, _presence.GetState("amy"));

        _presence.MarkCallEnded("amy", "call-1");
        Assert.Equal(AgentState.WrapUp, _presence.GetState("amy"));
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(20), _presence.GetSnapshot("amy")!.WrapUpEndsAt);
        _time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(AgentState.WrapUp, _presence.GetState("amy"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AgentState.Available, _presence.GetState("amy"));

        Assert.Equal(
            [AgentState.Available, AgentState.Ringing, AgentState.OnCall, AgentState.WrapUp, AgentState.Available],
            _changes.Select(c => c.Current));
    }

    [Fact]
    public void A_call_that_only_rang_ends_without_wrap_up_and_zero_wrap_up_means_available_at_once()
    {
        Bind("8001", "192.168.1.20:5060");
        Bind("8002", "192.168.1.30:5060");

        // Ring-all: both ring, Ben answers, Amy's ringing stops.
        _presence.MarkRinging("amy", "call-1");
        _presence.MarkRinging("ben", "call-1");
        _presence.MarkOnCall("ben", "call-1");
        _presence.MarkCallEnded("amy", "call-1");
        Assert.Equal(AgentState.Available, _presence.GetState("amy"));
        Assert.Equal(AgentState.OnCall, _presence.GetState("ben"));

        _presence.MarkCallEnded("ben", "call-1");
        Assert.Equal(AgentState.Available, _presence.GetState("ben"));
    }

    [Fact]
    public void Away_keeps_the_agent_out_of_the_rotation_and_available_ends_away_and_wrap_up()
    {
        Bind("8001", "192.168.1.20:5060");
        Bind("8002", "192.168.1.30:5060");

        Assert.True(_presence.SetAway("amy"));
        Assert.Equal(AgentState.Away, _presence.GetState("amy"));
        Assert.Equal(["ben"], _directory.AvailableAgentsForLine("sales").Select(a => a.Id));

        Assert.True(_presence.SetAvailable("amy"));
        Assert.Equal(["amy", "ben"], _directory.AvailableAgentsForLine("sales").Select(a => a.Id));

        _presence.MarkOnCall("amy", "call-2");
        _presence.MarkCallEnded("amy", "call-2");
        Assert.Equal(AgentState.WrapUp, _presence.GetState("amy"));
        _presence.SetAvailable("amy");
        Assert.Equal(AgentState.Available, _presence.GetState("amy"));
        _time.Advance(TimeSpan.FromSeconds(30)); // the cancelled wrap-up timer changes nothing
        Assert.Equal(AgentState.Available, _presence.GetState("amy"));
    }

    [Fact]
    public void Away_while_offline_stays_offline_and_shows_away_once_registered()
    {
        _presence.SetAway("amy");
        Assert.Equal(AgentState.Offline, _presence.GetState("amy"));

        Bind("8001", "192.168.1.20:5060");

        Assert.Equal(AgentState.Away, _presence.GetState("amy"));
        Assert.True(_presence.GetSnapshot("amy")!.IsAway);
    }

    [Fact]
    public void Unknown_agents_are_refused()
    {
        Assert.False(_presence.MarkRinging("nobody", "call-1"));
        Assert.False(_presence.SetAway("nobody"));
        Assert.Equal(AgentState.Offline, _presence.GetState("nobody"));
        Assert.Null(_presence.GetSnapshot("nobody"));
        Assert.Empty(_directory.ReachableContacts("nobody"));
    }

    [Fact]
    public void The_directory_lists_the_agents_of_a_line_in_configuration_order()
    {
        Assert.Equal(["amy", "ben"], _directory.AgentsForLine("sales").Select(a => a.Id));
        Assert.Equal(["ben"], _directory.AgentsForLine("bar").Select(a => a.Id));
        Assert.Empty(_directory.AgentsForLine("rentals"));
    }

    [Fact]
    public void The_accounts_answer_the_configured_HA1_of_each_family_in_the_realm_only()
    {
        var accounts = new AgentAccounts(_roster);

        Assert.Equal(AgentsConfiguration.Md5("8001", AgentsConfiguration.AmyPassword), accounts.FindHa1("8001", "callservice", DigestAlgorithm.Md5));
        Assert.Equal(AgentsConfiguration.Sha256("8001", AgentsConfiguration.AmyPassword), accounts.FindHa1("8001", "callservice", DigestAlgorithm.Sha256));
        Assert.Null(accounts.FindHa1("8002", "callservice", DigestAlgorithm.Sha256));
        Assert.Null(accounts.FindHa1("8001", "other", DigestAlgorithm.Md5));
        Assert.Null(accounts.FindHa1("amy", "callservice", DigestAlgorithm.Md5));
    }
}
