using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallService.Agents;
using CallService.Callbacks;
using CallService.Tests.Agents;
using CallService.Tests.Callbacks;
using CallService.Tests.Hosting;
using CallService.Tests.Support;
using CallService.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallService.Tests.Web;

/// <summary>
/// An agent sees and acts on their own lines only: amy answers "sales", ben "sales" and "bar", the
/// manager everything. The host's agents, callbacks and sign-in over real HTTP on loopback.
/// </summary>
public sealed class DeskUserScopingTests : IAsyncLifetime
{
    private const string AmyPassword = "amy-web-1";
    private const string BenPassword = "ben-web-1";

    private readonly TempSqliteDatabase _db = new();
    private readonly RecordingDialer _dialer = new();
    private readonly HostTempDirectory _root = new();
    private WebApplication _app = null!;
    private Uri _address = null!;
    private CallbackRequest _sales = null!;
    private CallbackRequest _bar = null!;

    public async Task InitializeAsync()
    {
        SqliteCallbackStore store = await _db.OpenCallbacksInitializedAsync();
        _sales = await store.AddAsync(SampleCallbacks.Request("c-sales"), CancellationToken.None);
        _bar = await store.AddAsync(SampleCallbacks.Request("c-bar", createdAfterMinutes: 1) with { Line = "bar" }, CancellationToken.None);

        IConfiguration settings = new ConfigurationBuilder()
            .AddConfiguration(AgentsConfiguration.Build())
            .AddInMemoryCollection(WebUsers.ManagerSettings())
            .AddInMemoryCollection(WebUsers.Settings(1, "amy", WebRoles.Agent, AmyPassword, agentId: "amy"))
            .AddInMemoryCollection(WebUsers.Settings(2, "ben", WebRoles.Agent, BenPassword, agentId: "ben"))
            .Build();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAgentServices(settings, _root);
        builder.Services.AddWebAuth(settings);
        builder.Services.AddSingleton<ICallbackStore>(store);
        builder.Services.AddSingleton<ICallbackDialer>(_dialer);
        _app = builder.Build();
        _app.UseWebAuth();
        CallbackEndpoints.Map(_app);
        AgentEndpoints.Map(_app);
        _app.MapWebAuth();
        await _app.StartAsync();
        _address = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
        _root.Dispose();
    }

    private static async Task<string[]> ListedCallIdsAsync(WebSession session)
    {
        JsonElement list = await session.Http.GetFromJsonAsync<JsonElement>("/api/callbacks");
        return [.. list.EnumerateArray().Select(c => c.GetProperty("callId").GetString()!)];
    }

    [Fact]
    public async Task Each_user_lists_the_callbacks_of_their_own_lines()
    {
        using WebSession amy = await WebSession.SignInAsync(_address, "amy", AmyPassword);
        using WebSession ben = await WebSession.SignInAsync(_address, "ben", BenPassword);
        using WebSession manager = await WebSession.ManagerAsync(_address);

        Assert.Equal(["sales"], amy.Session.Lines);
        Assert.Equal(["sales", "bar"], ben.Session.Lines);
        Assert.Equal(["c-sales"], await ListedCallIdsAsync(amy));
        Assert.Equal(["c-sales", "c-bar"], await ListedCallIdsAsync(ben));
        Assert.Equal(["c-sales", "c-bar"], await ListedCallIdsAsync(manager));
    }

    [Fact]
    public async Task Another_lines_callback_is_not_found_for_an_agent_whatever_they_try()
    {
        using WebSession amy = await WebSession.SignInAsync(_address, "amy", AmyPassword);
        string bar = $"/api/callbacks/{_bar.Id}";

        using HttpResponseMessage get = await amy.Http.GetAsync(bar);
        using HttpResponseMessage patch = await amy.Http.PatchAsJsonAsync(bar, new { status = "done" });
        using HttpResponseMessage call = await amy.Http.PostAsync(bar + "/call", null);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [get.StatusCode, patch.StatusCode, call.StatusCode]);
        Assert.Empty(_dialer.Dials);

        using WebSession ben = await WebSession.SignInAsync(_address, "ben", BenPassword);
        using HttpResponseMessage benGet = await ben.Http.GetAsync(bar);
        Assert.Equal(HttpStatusCode.OK, benGet.StatusCode);
    }

    [Fact]
    public async Task An_agent_calls_back_as_themselves_only()
    {
        using WebSession amy = await WebSession.SignInAsync(_address, "amy", AmyPassword);
        string call = $"/api/callbacks/{_sales.Id}/call";

        using HttpResponseMessage asBen = await amy.Http.PostAsJsonAsync(call, new { agentId = "ben" });
        Assert.Equal(HttpStatusCode.Forbidden, asBen.StatusCode);
        Assert.Empty(_dialer.Dials);

        using HttpResponseMessage asAmy = await amy.Http.PostAsJsonAsync(call, new { agentId = "amy" });
        Assert.Equal(HttpStatusCode.Accepted, asAmy.StatusCode);
        Assert.Equal("amy", Assert.Single(_dialer.Dials).AgentId);
    }

    [Fact]
    public async Task An_agent_sets_their_own_presence_a_manager_anyones()
    {
        using WebSession amy = await WebSession.SignInAsync(_address, "amy", AmyPassword);
        using WebSession manager = await WebSession.ManagerAsync(_address);

        using HttpResponseMessage amyForBen = await amy.Http.PutAsJsonAsync("/api/agents/ben/presence", new { state = "away" });
        using HttpResponseMessage amyForAmy = await amy.Http.PutAsJsonAsync("/api/agents/amy/presence", new { state = "away" });
        using HttpResponseMessage managerForBen = await manager.Http.PutAsJsonAsync("/api/agents/ben/presence", new { state = "away" });

        Assert.Equal(HttpStatusCode.Forbidden, amyForBen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, amyForAmy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, managerForBen.StatusCode);
        AgentView[] agents = (await manager.Http.GetFromJsonAsync<AgentView[]>("/api/agents", AgentApi.Json))!;
        Assert.All(agents, a => Assert.True(a.Away, a.Id));
    }
}
