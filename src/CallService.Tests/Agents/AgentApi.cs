using System.Net.Http.Json;
using System.Text.Json;
using CallService.Agents;
using CallService.Tests.Hosting;
using CallService.Tests.Support;
using CallService.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallService.Tests.Agents;

/// <summary>
/// A web application with the agents' services and endpoints on a free loopback port, behind the web
/// front's sign-in as the host has it; <see cref="Client"/> is signed in as the manager.
/// </summary>
internal sealed class AgentApi : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HostTempDirectory _root;

    private AgentApi(HostTempDirectory root, WebApplication app, HttpClient client)
    {
        _root = root;
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<AgentApi> StartAsync(TimeProvider time, IConfiguration? configuration = null)
    {
        var root = new HostTempDirectory();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(time);
        IConfiguration settings = new ConfigurationBuilder()
            .AddConfiguration(configuration ?? AgentsConfiguration.Build())
            .AddInMemoryCollection(WebUsers.ManagerSettings())
            .Build();
        builder.Services.AddAgentServices(settings, root);
        builder.Services.AddWebAuth(settings);
        WebApplication app = builder.Build();
        app.UseWebAuth();
        AgentEndpoints.Map(app);
        app.MapWebAuth();
        await app.StartAsync();
        WebSession session = await WebSession.ManagerAsync(new Uri(app.Urls.First()));
        return new AgentApi(root, app, session.Http);
    }

    public async Task<AgentView[]> ListAsync() =>
        (await Client.GetFromJsonAsync<AgentView[]>("/api/agents", Json))!;

    public async Task<AgentView> GetAsync(string id) =>
        (await Client.GetFromJsonAsync<AgentView>($"/api/agents/{id}", Json))!;

    public Task<HttpResponseMessage> PutPresenceAsync(string id, object body) =>
        Client.PutAsJsonAsync($"/api/agents/{id}/presence", body, Json);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _root.Dispose();
    }
}
