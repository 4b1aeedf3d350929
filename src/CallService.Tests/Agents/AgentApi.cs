using System.Net.Http.Json;
using System.Text.Json;
using CallService.Agents;
using CallService.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallService.Tests.Agents;

/// <summary>A web application with the agents' services and endpoints on a free loopback port.</summary>
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
        builder.Services.AddAgentServices(configuration ?? AgentsConfiguration.Build(), root);
        WebApplication app = builder.Build();
        AgentEndpoints.Map(app);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(10) };
        return new AgentApi(root, app, client);
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
