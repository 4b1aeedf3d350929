using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CallService.Web.Auth;

namespace CallService.Tests.Support;

/// <summary>
/// An HttpClient signed in to the web front the way a browser is: it reads the sign-in form's
/// antiforgery token, posts the form, keeps the cookies, then sends the request token of
/// GET /api/session in the X-CSRF-TOKEN header of every request. Redirects are not followed, so tests
/// see them.
/// </summary>
public sealed partial class WebSession : IDisposable
{
    private WebSession(HttpClient http, CookieContainer cookies, WebSessionView session)
    {
        Http = http;
        Cookies = cookies;
        Session = session;
    }

    /// <summary>The signed-in client (base address: the web front).</summary>
    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    /// <summary>What GET /api/session answered after signing in.</summary>
    public WebSessionView Session { get; }

    /// <summary>Signs in as <paramref name="userName"/>; fails the test when that does not work.</summary>
    public static async Task<WebSession> SignInAsync(Uri baseAddress, string userName, string password)
    {
        (HttpClient http, CookieContainer cookies) = NewClient(baseAddress);
        try
        {
            using HttpResponseMessage signedIn = await PostSignInAsync(http, userName, password);
            Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect,
                $"signing in as {userName} answered {(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");
            WebSessionView session = (await http.GetFromJsonAsync<WebSessionView>(WebPaths.Session, JsonSerializerOptions.Web))!;
            http.DefaultRequestHeaders.Add(session.AntiforgeryHeader, session.AntiforgeryToken);
            return new WebSession(http, cookies, session);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>The manager of a <see cref="ProductProcess"/>.</summary>
    public static Task<WebSession> ManagerAsync(Uri baseAddress) => SignInAsync(baseAddress, WebUsers.Manager, WebUsers.ManagerPassword);

    /// <summary>A client with a cookie jar and no sign-in (redirects not followed).</summary>
    public static (HttpClient Http, CookieContainer Cookies) NewClient(Uri baseAddress)
    {
        var cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false };
        return (new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) }, cookies);
    }

    /// <summary>Fetches the sign-in form and posts it with the credentials given; returns the answer.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient http, string userName, string password)
    {
        string page = await http.GetStringAsync(WebPaths.SignIn);
        string token = FormToken(page);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [WebPaths.AntiforgeryField] = token,
            ["userName"] = userName,
            ["password"] = password,
        });
        return await http.PostAsync(WebPaths.SignIn, form);
    }

    /// <summary>The antiforgery token in a page's hidden field.</summary>
    public static string FormToken(string page)
    {
        Match match = TokenField().Match(page);
        Assert.True(match.Success, "the page has no antiforgery field:\n" + page);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();
}
