using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallService.Agents;
using CallService.Sip.Messages;
using CallService.Sip.Registrar;
using CallService.Sip.Transport;
using CallService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Agents;

/// <summary>GET /api/agents and PUT /api/agents/{id}/presence over real HTTP.</summary>
public sealed class AgentEndpointsTests
{
    private static void Register(AgentApi api, FakeTimeProvider time, string sipUser, string contact)
    {
        var store = api.Services.GetRequiredService<IRegistrationStore>();
        string aor = api.Services.GetRequiredService<AgentRoster>().FindBySipUser(sipUser)!.AddressOfRecord;
        store.Update(aor, current =>
        [
            .. current,
            new SipBinding
            {
                AddressOfRecord = aor,
                Contact = SipNameAddress.Parse(contact),
                CallId = "c1",
                CSeq = 1,
                ExpiresAt = time.GetUtcNow() + TimeSpan.FromSeconds(600),
                RegisteredAt = time.GetUtcNow(),
                Source = new SipEndPoint(SipProtocol.Udp, IPEndPoint.Parse("203.0.113.5:40000")),
                UserAgent = "Headset 1.0",
            },
        ]);
    }

    [Fact]
    public async Task Agents_are_listed_with_state_desk_lines_and_contacts_and_never_their_HA1()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using AgentApi api = await AgentApi.StartAsync(time);
        Register(api, time, "8001", "<sip:8001@192.168.1.20:5060>");
        time.Advance(TimeSpan.FromSeconds(100));

        AgentView[] agents = await api.ListAsync();
        string raw = await api.Client.GetStringAsync("/api/agents");

        Assert.Equal(["amy", "ben"], agents.Select(a => a.Id));
        AgentView amy = agents[0];
        Assert.Equal(("小林", "8001", "front-desk", "available", true, false), (amy.DisplayName, amy.SipUser, amy.Desk, amy.State, amy.Registered, amy.Away));
        Assert.Equal(["sales"], amy.Lines);
        AgentContactView contact = Assert.Single(amy.Contacts);
        Assert.Equal(new AgentContactView("sip:8001@192.168.1.20:5060", "udp:203.0.113.5:40000", true, 500, "Headset 1.0"), contact);
        Assert.Equal("offline", agents[1].State);
        Assert.Contains("\"state\":\"available\"", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("ha1", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AgentsConfiguration.Md5("8001", AgentsConfiguration.AmyPassword), raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_presence_sets_away_and_available_and_refuses_other_states_and_unknown_agents()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using AgentApi api = await AgentApi.StartAsync(time);
        Register(api, time, "8001", "<sip:8001@192.168.1.20:5060>");

        HttpResponseMessage away = await api.PutPresenceAsync("amy", new { state = "away" });
        Assert.Equal(HttpStatusCode.OK, away.StatusCode);
        Assert.Equal("away", (await away.Content.ReadFromJsonAsync<AgentView>(AgentApi.Json))!.State);
        Assert.Equal(AgentState.Away, api.Services.GetRequiredService<AgentPresence>().GetState("amy"));
        Assert.Empty(api.Services.GetRequiredService<AgentDirectory>().AvailableAgentsForLine("sales"));

        HttpResponseMessage back = await api.PutPresenceAsync("AMY", new { state = "Available" });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("available", (await api.GetAsync("amy")).State);

        HttpResponseMessage onCall = await api.PutPresenceAsync("amy", new { state = "on-call" });
        Assert.Equal(HttpStatusCode.BadRequest, onCall.StatusCode);
        using JsonDocument error = JsonDocument.Parse(await onCall.Content.ReadAsStringAsync());
        Assert.Equal("state = \"on-call\": must be \"away\" or \"available\" (the other states follow registration and calls)", error.RootElement.GetProperty("error").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await api.PutPresenceAsync("nobody", new { state = "away" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync("/api/agents/nobody")).StatusCode);
    }

    [Fact]
    public async Task Call_events_show_in_the_api_and_wrap_up_ends_on_time()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using AgentApi api = await AgentApi.StartAsync(time);
        Register(api, time, "8001", "<sip:8001@192.168.1.20:5060>");
        var presence = api.Services.GetRequiredService<AgentPresence>();

        presence.MarkRinging("amy", "call-9");
        Assert.Equal("ringing", (await api.GetAsync("amy")).State);
        presence.MarkOnCall("amy", "call-9");
        Assert.Equal("on-call", (await api.GetAsync("amy")).State);
        presence.MarkCallEnded("amy", "call-9");
        AgentView wrapUp = await api.GetAsync("amy");
        Assert.Equal("wrap-up", wrapUp.State);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(20), wrapUp.WrapUpEndsAt);

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal("available", (await api.GetAsync("amy")).State);
    }
}
