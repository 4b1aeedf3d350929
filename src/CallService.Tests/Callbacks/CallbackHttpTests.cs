using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CallService.Callbacks;
using CallService.Tests.Support;
using CallService.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallService.Tests.Callbacks;

/// <summary>
/// The API over real HTTP: a WebApplication on a free loopback port with the SQLite store behind the
/// web front's sign-in, as the host maps it, called by a signed-in manager. Checks what only the wire
/// shows: routes, JSON names and spellings, problem+json.
/// </summary>
public sealed class CallbackHttpTests : IAsyncLifetime
{
    private readonly TempSqliteDatabase _db = new();
    private readonly RecordingDialer _dialer = new();
    private SqliteCallbackStore _store = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _store = await _db.OpenCallbacksInitializedAsync();
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(WebUsers.ManagerSettings());
        builder.Services.AddSingleton<ICallbackStore>(_store);
        builder.Services.AddSingleton<ICallbackDialer>(_dialer);
        builder.Services.AddWebAuth(builder.Configuration);
        _app = builder.Build();
        _app.UseWebAuth();
        CallbackEndpoints.Map(_app);
        _app.MapWebAuth();
        using var starting = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StartAsync(starting.Token);
        string address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _http = (await WebSession.ManagerAsync(new Uri(address))).Http;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task The_list_is_json_with_camel_case_names_status_names_and_utc_times()
    {
        CallbackRequest added = await _store.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);

        using HttpResponseMessage response = await _http.GetAsync(new Uri("/api/callbacks?status=pending", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement item = Assert.Single(json.RootElement.EnumerateArray().ToArray());
        Assert.Equal(added.Id, item.GetProperty("id").GetInt64());
        Assert.Equal("c-1", item.GetProperty("callId").GetString());
        Assert.Equal("+8613800138000", item.GetProperty("callerNumber").GetString());
        Assert.Equal("王先生", item.GetProperty("callerDisplayName").GetString());
        Assert.Equal("王", item.GetProperty("surname").GetString());
        Assert.Equal("想了解三房户型的价格", item.GetProperty("request").GetString());
        Assert.Equal("alice", item.GetProperty("agentId").GetString());
        Assert.Equal("sales", item.GetProperty("line").GetString());
        Assert.Equal("2025-03-08T02:00:00+00:00", item.GetProperty("createdAt").GetString());
        Assert.Equal("2025-03-08T02:15:00+00:00", item.GetProperty("dueAt").GetString());
        Assert.Equal("pending", item.GetProperty("status").GetString());
        Assert.Equal(0, item.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("lastAttemptAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("lastResult").ValueKind);

        using HttpResponseMessage all = await _http.GetAsync(new Uri("/api/callbacks", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Single((await all.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_status_filter_is_a_problem_json_with_the_field_error()
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri("/api/callbacks?status=later", UriKind.Relative));

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("https://", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("later", problem.GetProperty("errors").GetProperty("status")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_patch_and_call_work_over_http()
    {
        CallbackRequest added = await _store.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);
        var one = new Uri($"/api/callbacks/{added.Id}", UriKind.Relative);

        using HttpResponseMessage got = await _http.GetAsync(one);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        JsonElement before = await got.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(added.Id, before.GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("completedAt").ValueKind);

        using HttpResponseMessage call = await _http.PostAsync(new Uri($"/api/callbacks/{added.Id}/call", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, call.StatusCode);
        Assert.Equal($"/api/callbacks/{added.Id}", call.Headers.Location?.OriginalString);
        JsonElement calling = await call.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("calling", calling.GetProperty("status").GetString());
        Assert.Equal(1, calling.GetProperty("attempts").GetInt32());
        Assert.Equal("alice", Assert.Single(_dialer.Dials).AgentId);

        using HttpResponseMessage patched = await _http.PatchAsync(one, Json("""{"status":"done","result":"已回电, 周六看房"}"""));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        JsonElement done = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal("已回电, 周六看房", done.GetProperty("lastResult").GetString());
        DateTimeOffset? stored = (await _store.GetAsync(added.Id, CancellationToken.None))!.CompletedAt;
        Assert.NotNull(stored);
        Assert.Equal(stored, done.GetProperty("completedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_call_endpoint_takes_an_optional_agent()
    {
        CallbackRequest added = await _store.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);

        using HttpResponseMessage call = await _http.PostAsync(new Uri($"/api/callbacks/{added.Id}/call", UriKind.Relative), Json("""{"agentId":"bob"}"""));

        Assert.Equal(HttpStatusCode.Accepted, call.StatusCode);
        Assert.Equal("bob", Assert.Single(_dialer.Dials).AgentId);
    }

    [Fact]
    public async Task An_illegal_transition_is_a_409_problem_json()
    {
        CallbackRequest added = await _store.AddAsync(SampleCallbacks.Request("c-1", status: CallbackStatus.Cancelled), CancellationToken.None);

        using HttpResponseMessage response = await _http.PatchAsync(new Uri($"/api/callbacks/{added.Id}", UriKind.Relative), Json("""{"status":"pending"}"""));

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("cancelled", problem.GetProperty("currentStatus").GetString());
        Assert.Equal("pending", problem.GetProperty("requestedStatus").GetString());
        Assert.Equal($"/api/callbacks/{added.Id}", problem.GetProperty("instance").GetString());
    }

    [Theory]
    [InlineData("""{"status":"later"}""", "status")]
    [InlineData("""{"result":"no status"}""", "status")]
    [InlineData("""{}""", "status")]
    public async Task A_patch_without_a_known_status_is_a_400_problem_json(string body, string field)
    {
        CallbackRequest added = await _store.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);

        using HttpResponseMessage response = await _http.PatchAsync(new Uri($"/api/callbacks/{added.Id}", UriKind.Relative), Json(body));

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Malformed_json_empty_bodies_and_other_media_types_are_problems_too()
    {
        CallbackRequest added = await _store.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);
        var one = new Uri($"/api/callbacks/{added.Id}", UriKind.Relative);

        using HttpResponseMessage malformed = await _http.PatchAsync(one, Json("""{"status": """));
        using HttpResponseMessage wrongType = await _http.PatchAsync(one, Json("""{"status": 3}"""));
        using HttpResponseMessage empty = await _http.PatchAsync(one, new ByteArrayContent([]));
        using HttpResponseMessage text = await _http.PatchAsync(one, new StringContent("status=done", Encoding.UTF8, "text/plain"));

        await ProblemAsync(malformed, HttpStatusCode.BadRequest);
        await ProblemAsync(wrongType, HttpStatusCode.BadRequest);
        Assert.True((await ProblemAsync(empty, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("status", out _));
        await ProblemAsync(text, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(added, await _store.GetAsync(added.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        using HttpResponseMessage get = await _http.GetAsync(new Uri("/api/callbacks/999", UriKind.Relative));
        using HttpResponseMessage patch = await _http.PatchAsync(new Uri("/api/callbacks/999", UriKind.Relative), Json("""{"status":"done"}"""));
        using HttpResponseMessage call = await _http.PostAsync(new Uri("/api/callbacks/999/call", UriKind.Relative), null);

        await ProblemAsync(get, HttpStatusCode.NotFound);
        await ProblemAsync(patch, HttpStatusCode.NotFound);
        await ProblemAsync(call, HttpStatusCode.NotFound);
        Assert.Empty(_dialer.Dials);
    }

    [Fact]
    public async Task A_refused_dial_is_a_503_problem_json_with_the_failed_request()
    {
        CallbackRequest added = await _store.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);
        _dialer.Result = CallbackDialResult.Refused("no agent registered");

        using HttpResponseMessage response = await _http.PostAsync(new Uri($"/api/callbacks/{added.Id}/call", UriKind.Relative), null);

        JsonElement problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("failed", problem.GetProperty("callback").GetProperty("status").GetString());
        Assert.Equal("no agent registered", problem.GetProperty("callback").GetProperty("lastResult").GetString());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
