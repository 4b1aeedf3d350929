using CallService.Agents;
using CallService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CallService.Tests.Agents;

/// <summary>A real headset softphone (baresip) registers as an agent at the product's registrar
/// (wired by AddAgents and AgentTelephony.Attach on a real SIP endpoint) and the API shows it available.</summary>
[Collection("real peers")]
public sealed class AgentSoftphoneTests
{
    [Fact]
    public async Task Baresip_registers_as_an_agent_and_the_agent_becomes_available()
    {
        await using AgentApi api = await AgentApi.StartAsync(TimeProvider.System);
        await using LibraryEndpoint endpoint = await LibraryEndpoint.StartAsync();
        using AgentTelephony telephony = api.Services.GetRequiredService<AgentTelephony>();
        telephony.Attach(endpoint.Stack);
        Assert.Equal("offline", (await api.GetAsync("ben")).State);

        // Ben has an MD5 HA1 only (baresip 1.0 knows MD5 only), so he is challenged with MD5 only.
        await using BaresipPhone phone = await BaresipPhone.StartAsync(
            $"<sip:8002@127.0.0.1:{endpoint.Port}>;auth_pass={AgentsConfiguration.BenPassword};regint=60");
        await Eventually.True(() => api.Services.GetRequiredService<AgentPresence>().GetState("ben") == AgentState.Available,
            "Ben available after his softphone registered", timeoutMs: 15_000);

        AgentView ben = await api.GetAsync("ben");
        Assert.True(ben.Registered);
        AgentContactView contact = Assert.Single(ben.Contacts);
        // baresip registers a contact of its own making (sip:8002-0x...@its-address:port).
        Assert.StartsWith("sip:8002", contact.Uri, StringComparison.Ordinal);
        Assert.EndsWith($"@127.0.0.1:{phone.SipPort}", contact.Uri, StringComparison.Ordinal);
        Assert.Equal($"udp:127.0.0.1:{phone.SipPort}", contact.Source);
        Assert.Contains("baresip", contact.UserAgent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["ben"], api.Services.GetRequiredService<AgentDirectory>().AvailableAgentsForLine("bar").Select(a => a.Id));
        Assert.Equal("offline", (await api.GetAsync("amy")).State);
    }
}
