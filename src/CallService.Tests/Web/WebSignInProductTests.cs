using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CallService.Tests.Support;
using CallService.Web.Auth;
using Xunit.Abstractions;

namespace CallService.Tests.Web;

/// <summary>
/// The built product's web front over real HTTP: nothing but /health and the sign-in page without a
/// session, antiforgery on every state-changing request, lockout, the agent's session, /metrics access.
/// </summary>
[Collection("real peers")]
public sealed class WebSignInProductTests(WebProduct web, ITestOutputHelper output) : IClassFixture<WebProduct>
{
    private static readonly string[] ExpectedAnonymous = ["GET /health", "GET /shared/{**file}", "GET /signin", "POST /signin"];

    private static HttpRequestMessage Request(HostEndpoint endpoint) =>
        new(new HttpMethod(endpoint.Method), endpoint.SamplePath)
        {
            Content = endpoint.IsStateChanging ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
        };

    [Fact]
    public async Task Without_a_session_every_page_and_api_but_health_and_sign_in_answers_401_or_redirects_to_sign_in()
    {
        IReadOnlyList<HostEndpoint> endpoints = web.Endpoints();
        output.WriteLine(string.Join(Environment.NewLine, endpoints));
        // The list comes from the host itself: the APIs of every area are in it, so it cannot go stale.
        Assert.Contains(endpoints, e => e.ToString() == "POST /api/calls/{callId}/hold");
        Assert.Contains(endpoints, e => e.ToString() == "PATCH /api/callbacks/{id:long}");
        Assert.Contains(endpoints, e => e.ToString() == "PUT /api/agents/{id}/presence");
        Assert.Contains(endpoints, e => e.ToString() == "GET /metrics");
        Assert.Equal(ExpectedAnonymous, endpoints.Where(e => e.IsAnonymous).Select(e => e.ToString()).Order(StringComparer.Ordinal));

        (HttpClient http, _) = WebSession.NewClient(web.Product.WebAddress);
        using (http)
        {
            foreach (HostEndpoint endpoint in endpoints.Where(e => !e.IsAnonymous))
            {
                using HttpRequestMessage request = Request(endpoint);
                using HttpResponseMessage response = await http.SendAsync(request);
                if (WebPaths.IsApi(new Microsoft.AspNetCore.Http.PathString(endpoint.SamplePath)))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint} ({endpoint.SamplePath}) answered {(int)response.StatusCode}, not 401");
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{endpoint} ({endpoint.SamplePath}) answered {(int)response.StatusCode}, not 302");
                    Uri location = new(web.Product.WebAddress, response.Headers.Location!);
                    Assert.Equal(WebPaths.SignIn, location.AbsolutePath);
                    Assert.Equal("?returnUrl=" + Uri.EscapeDataString(endpoint.SamplePath), location.Query);
                }
            }

            using HttpResponseMessage health = await http.GetAsync("/health");
            using HttpResponseMessage signIn = await http.GetAsync("/signin");
            using HttpResponseMessage css = await http.GetAsync("/shared/site.css");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            Assert.Equal("text/html", signIn.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Every_state_changing_request_without_the_antiforgery_token_is_refused_with_400()
    {
        IReadOnlyList<HostEndpoint> unsafeEndpoints = [.. web.Endpoints().Where(e => e.IsStateChanging)];
        Assert.True(unsafeEndpoints.Count >= 6, string.Join(", ", unsafeEndpoints));
        using WebSession session = await web.Product.ManagerSessionAsync();
        session.Http.DefaultRequestHeaders.Remove(WebPaths.AntiforgeryHeader);

        foreach (HostEndpoint endpoint in unsafeEndpoints)
        {
            using HttpRequestMessage request = Request(endpoint);
            using HttpResponseMessage response = await session.Http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{endpoint} answered {(int)response.StatusCode} without the token: {body}");
            Assert.Contains("Antiforgery token missing or invalid", body, StringComparison.Ordinal);
        }

        // A token of another session does not do either.
        using WebSession other = await web.Product.SessionAsync(WebProduct.AgentUser, WebProduct.AgentPassword);
        using var stolen = new HttpRequestMessage(HttpMethod.Put, "/api/agents/amy/presence") { Content = JsonContent.Create(new { state = "away" }) };
        stolen.Headers.Add(WebPaths.AntiforgeryHeader, other.Session.AntiforgeryToken);
        using HttpResponseMessage refused = await session.Http.SendAsync(stolen);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // With its own token the same request goes through.
        using HttpResponseMessage accepted = await other.Http.PutAsJsonAsync("/api/agents/amy/presence", new { state = "away" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using HttpResponseMessage back = await other.Http.PutAsJsonAsync("/api/agents/amy/presence", new { state = "available" });
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task The_third_wrong_password_locks_the_user_out_even_for_the_right_one()
    {
        (HttpClient http, _) = WebSession.NewClient(web.Product.WebAddress);
        using (http)
        {
            var statuses = new List<HttpStatusCode>();
            for (int i = 0; i < WebProduct.MaxFailedSignIns; i++)
            {
                using HttpResponseMessage wrong = await WebSession.PostSignInAsync(http, WebProduct.LockedUser, $"wrong-{i}");
                statuses.Add(wrong.StatusCode);
            }
            using HttpResponseMessage right = await WebSession.PostSignInAsync(http, WebProduct.LockedUser, WebProduct.LockedPassword);
            string page = await right.Content.ReadAsStringAsync();

            Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, (HttpStatusCode)429], statuses);
            Assert.Equal((HttpStatusCode)429, right.StatusCode);
            Assert.Contains("登录失败次数过多,请于 15 分钟后再试。", page, StringComparison.Ordinal);
            using HttpResponseMessage session = await http.GetAsync(WebPaths.Session);
            Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        }
        Assert.Contains("Web sign-in: lockme is locked out until", web.Product.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WebProduct.LockedPassword, web.Product.Output, StringComparison.Ordinal);

        // Another user of the same agent is not locked.
        using WebSession amy = await web.Product.SessionAsync(WebProduct.AgentUser, WebProduct.AgentPassword);
        Assert.Equal(WebProduct.AgentUser, amy.Session.UserName);
    }

    [Fact]
    public async Task An_agents_session_names_their_agent_and_lines_and_signing_out_ends_it()
    {
        using WebSession amy = await web.Product.SessionAsync("AMY", WebProduct.AgentPassword);

        WebSessionView session = amy.Session;
        Assert.Equal(("amy", WebProduct.AgentDisplayName, "agent", "amy", "zh-CN", "X-CSRF-TOKEN"),
            (session.UserName, session.DisplayName, session.Role, session.AgentId, session.Language, session.AntiforgeryHeader));
        Assert.Equal(["sales"], session.Lines);
        Assert.False(string.IsNullOrEmpty(session.AntiforgeryToken));
        Cookie cookie = amy.Cookies.GetAllCookies().Single(c => c.Name == WebPaths.AuthCookie);
        Assert.True(cookie.HttpOnly);
        using HttpResponseMessage home = await amy.Http.GetAsync("/");
        Assert.Equal("/desk/", home.Headers.Location?.OriginalString);
        using HttpResponseMessage dashboard = await amy.Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        using HttpResponseMessage texts = await amy.Http.GetAsync(WebPaths.Texts);
        Assert.Equal("登录", (await texts.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["signin.title"]);

        using HttpResponseMessage signedOut = await amy.Http.PostAsync(WebPaths.SignOut, null);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(WebPaths.SignIn, signedOut.Headers.Location?.OriginalString);
        using HttpResponseMessage after = await amy.Http.GetAsync(WebPaths.Session);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Metrics_take_the_scrape_token_or_a_manager_and_nobody_else()
    {
        (HttpClient anonymous, _) = WebSession.NewClient(web.Product.WebAddress);
        using (anonymous)
        {
            using HttpResponseMessage none = await anonymous.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);

            using var wrongToken = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            wrongToken.Headers.Authorization = new("Bearer", WebUsers.MetricsToken + "x");
            using HttpResponseMessage wrong = await anonymous.SendAsync(wrongToken);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

            using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            scrape.Headers.Authorization = new("Bearer", WebUsers.MetricsToken);
            using HttpResponseMessage scraped = await anonymous.SendAsync(scrape);
            Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
            Assert.Contains("callservice_calls_offered_total", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using WebSession amy = await web.Product.SessionAsync(WebProduct.AgentUser, WebProduct.AgentPassword);
        using HttpResponseMessage agent = await amy.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, agent.StatusCode);

        using WebSession manager = await web.Product.ManagerSessionAsync();
        using HttpResponseMessage managed = await manager.Http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, managed.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_needs_its_antiforgery_token_and_returns_only_to_local_paths()
    {
        (HttpClient http, _) = WebSession.NewClient(web.Product.WebAddress);
        using (http)
        {
            using var noToken = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "amy", ["password"] = WebProduct.AgentPassword });
            using HttpResponseMessage refused = await http.PostAsync(WebPaths.SignIn, noToken);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

            string page = await http.GetStringAsync(WebPaths.SignIn + "?returnUrl=%2F%2Fevil.example%2F");
            Assert.Contains("name=\"returnUrl\" value=\"/\"", page, StringComparison.Ordinal);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [WebPaths.AntiforgeryField] = WebSession.FormToken(page),
                ["userName"] = "amy",
                ["password"] = WebProduct.AgentPassword,
                ["returnUrl"] = "//evil.example/",
            });
            using HttpResponseMessage signedIn = await http.PostAsync(WebPaths.SignIn, form);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        }
    }
}
