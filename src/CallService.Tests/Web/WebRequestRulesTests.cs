using CallService.Web.Auth;
using CallService.Web.Texts;
using Microsoft.AspNetCore.Http;

namespace CallService.Tests.Web;

/// <summary>The small rules a request goes through: language, return URL, scrape token, API paths.</summary>
public sealed class WebRequestRulesTests
{
    private static HttpRequest Request(string? acceptLanguage = null, string? authorization = null)
    {
        var context = new DefaultHttpContext();
        if (acceptLanguage is not null)
        {
            context.Request.Headers.AcceptLanguage = acceptLanguage;
        }
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }
        return context.Request;
    }

    [Theory]
    [InlineData("auto", null, "zh-CN")]
    [InlineData("auto", "en-US,en;q=0.9", "en")]
    [InlineData("auto", "zh-CN,zh;q=0.9,en;q=0.8", "zh-CN")]
    [InlineData("auto", "zh-TW", "zh-CN")]
    [InlineData("auto", "de-DE, en;q=0.5, zh;q=0.7", "zh-CN")]
    [InlineData("auto", "de-DE, en;q=0.8, zh;q=0.7", "en")]
    [InlineData("auto", "fr-FR", "zh-CN")]
    [InlineData("auto", "en;q=0, zh;q=0.1", "zh-CN")]
    [InlineData("zh-CN", "en-US", "zh-CN")]
    [InlineData("EN", "zh-CN", "en")]
    public void The_language_is_the_configured_one_or_the_browsers_choice_of_zh_and_en(string setting, string? acceptLanguage, string expected)
    {
        Assert.Equal(expected, WebLanguage.Resolve(setting, Request(acceptLanguage)));
    }

    [Fact]
    public void Every_text_exists_in_both_languages()
    {
        foreach (string key in WebTexts.Keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(WebTexts.Get(WebLanguage.Chinese, key)), key);
            Assert.False(string.IsNullOrWhiteSpace(WebTexts.Get(WebLanguage.English, key)), key);
        }
        Assert.Equal("登录", WebTexts.All(WebLanguage.Chinese)["signin.title"]);
        Assert.Equal("Sign in", WebTexts.All(WebLanguage.English)["signin.title"]);
    }

    [Theory]
    [InlineData("/desk/", "/desk/")]
    [InlineData("/dashboard/?day=1", "/dashboard/?day=1")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("desk", "/")]
    [InlineData("/desk\r\nSet-Cookie: x=1", "/")]
    public void Only_local_paths_are_followed_after_sign_in(string? returnUrl, string expected)
    {
        Assert.Equal(expected, WebPaths.SafeReturnUrl(returnUrl));
    }

    [Theory]
    [InlineData("Bearer scrape-token-0123456789", true)]
    [InlineData("bearer scrape-token-0123456789", true)]
    [InlineData("Bearer scrape-token-012345678", false)]
    [InlineData("Bearer scrape-token-01234567890", false)]
    [InlineData("Basic scrape-token-0123456789", false)]
    [InlineData("scrape-token-0123456789", false)]
    [InlineData(null, false)]
    public void The_scrape_token_must_be_the_configured_bearer_token(string? authorization, bool expected)
    {
        Assert.Equal(expected, MetricsToken.Matches(Request(authorization: authorization), "scrape-token-0123456789"));
    }

    [Fact]
    public void Without_a_configured_token_no_bearer_matches()
    {
        Assert.False(MetricsToken.Matches(Request(authorization: "Bearer "), null));
        Assert.False(MetricsToken.Matches(Request(authorization: "Bearer "), ""));
    }

    [Theory]
    [InlineData("/api/calls/x/hold", true)]
    [InlineData("/API/session", true)]
    [InlineData("/metrics", true)]
    [InlineData("/desk/", false)]
    [InlineData("/apiary", false)]
    [InlineData("/", false)]
    public void Api_paths_are_answered_with_a_status_not_a_redirect(string path, bool api)
    {
        Assert.Equal(api, WebPaths.IsApi(new PathString(path)));
    }
}
