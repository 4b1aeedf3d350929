using System.Net;
using CallService.Tests.Support;
using CallService.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Web;

/// <summary>The session cookie's sliding expiry (Web:SessionMinutes) on the injected clock, and the sign-in page's encoding.</summary>
public sealed class WebSessionExpiryTests
{
    [Fact]
    public async Task A_session_lives_while_used_and_ends_after_SessionMinutes_without_a_request()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 8, 9, 0, 0, TimeSpan.Zero));
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(WebUsers.ManagerSettings());
        builder.Configuration.AddInMemoryCollection([new("Web:SessionMinutes", "60")]);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddWebAuth(builder.Configuration);
        await using WebApplication app = builder.Build();
        app.UseWebAuth();
        app.MapWebAuth();
        await app.StartAsync();
        using WebSession session = await WebSession.ManagerAsync(new Uri(app.Urls.First()));

        // Used every 40 minutes, the session outlives its 60 minutes (the cookie is renewed past half-time).
        for (int i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMinutes(40));
            using HttpResponseMessage used = await session.Http.GetAsync(WebPaths.Session);
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(61));
        using HttpResponseMessage expired = await session.Http.GetAsync(WebPaths.Session);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public void The_sign_in_page_shows_what_was_typed_as_text_and_keeps_chinese_readable()
    {
        string page = SignInPage.Render("zh-CN", "tok\"en", "/desk/?a=1&b=<2>", "<script>alert(1)</script>", "用户名或密码不正确。", "王<b>五</b>");

        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"tok&quot;en\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"/desk/?a=1&amp;b=&lt;2&gt;\"", page, StringComparison.Ordinal);
        Assert.Contains("当前用户:王&lt;b&gt;五&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" role=\"alert\" id=\"signin-error\">用户名或密码不正确。</p>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
    }
}
