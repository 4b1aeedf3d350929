using CallService.Tests.Support;
using CallService.Web.Auth;
using Microsoft.Playwright;

namespace CallService.Tests.Web;

/// <summary>Debian's Chromium signs in to the built product as an agent, and signs out.</summary>
[Collection("real peers")]
public sealed class SignInBrowserTests(WebProduct web) : IClassFixture<WebProduct>
{
    [Fact]
    public async Task An_agent_signs_in_from_a_desk_link_and_signs_out()
    {
        await using Browser browser = await Browser.LaunchAsync();
        await using IBrowserContext context = await browser.NewContextAsync(web.Product.WebAddress.ToString());
        IPage page = await context.NewPageAsync();

        // A page needs a sign-in: the browser lands on the form, which remembers where it was going.
        await page.GotoAsync("/desk/");
        Assert.Equal("/signin?returnUrl=%2Fdesk%2F", new Uri(page.Url).PathAndQuery);
        Assert.Equal("登录", await page.Locator("h2").TextContentAsync());

        await page.FillAsync("#userName", WebProduct.AgentUser);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#signin-submit");
        Assert.Equal("用户名或密码不正确。", await page.Locator("#signin-error").TextContentAsync());
        Assert.Equal(WebProduct.AgentUser, await page.InputValueAsync("#userName"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, "signin-failed.png") });

        // Signed in, the browser goes back to /desk/ and is let in (no redirect to the form again; the
        // desk's page itself is the desk's business).
        await page.FillAsync("#password", WebProduct.AgentPassword);
        IResponse desk = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#signin-submit"),
            response => new Uri(response.Url).AbsolutePath == "/desk/");
        Assert.NotEqual(302, desk.Status);

        IReadOnlyList<BrowserContextCookiesResult> cookies = await context.CookiesAsync();
        BrowserContextCookiesResult auth = Assert.Single(cookies, c => c.Name == WebPaths.AuthCookie);
        Assert.True(auth.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, auth.SameSite);
        Assert.Equal(-1, auth.Expires); // a session cookie: closing the browser ends it too
        IResponse? session = await page.GotoAsync(WebPaths.Session);
        Assert.Equal(200, session!.Status);
        Assert.Contains("\"displayName\":\"小林\"", await session.TextAsync(), StringComparison.Ordinal);

        // Signed in, the sign-in page says as whom and offers to sign out.
        await page.GotoAsync(WebPaths.SignIn);
        Assert.Equal("当前用户:小林", await page.Locator("#signed-in-as").TextContentAsync());
        await page.ClickAsync("#signout-submit");
        await page.WaitForURLAsync("**/signin");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == WebPaths.AuthCookie);

        await page.GotoAsync("/desk/");
        Assert.Equal(WebPaths.SignIn, new Uri(page.Url).AbsolutePath);
        // The browser's own requests (same cookie jar) get no session either.
        IAPIResponse api = await context.APIRequest.GetAsync(WebPaths.Session);
        Assert.Equal(401, api.Status);
    }

    [Fact]
    public async Task An_english_browser_gets_the_english_page()
    {
        await using Browser browser = await Browser.LaunchAsync();
        await using IBrowserContext context = await browser.NewContextAsync(web.Product.WebAddress.ToString(), locale: "en-US");
        IPage page = await context.NewPageAsync();

        await page.GotoAsync(WebPaths.SignIn);

        Assert.Equal("Sign in", await page.Locator("h2").TextContentAsync());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, "signin-en.png") });
    }
}
