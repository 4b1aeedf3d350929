using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CallService.Web.Texts;

namespace CallService.Web.Auth;

/// <summary>The sign-in page: plain HTML, no script, every value encoded.</summary>
public static class SignInPage
{
    /// <summary>The Content-Security-Policy of the page: its own stylesheet, nothing inline, forms to itself.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    // Every character class but HTML's own (< > & " ') stays as it is: Chinese text stays readable in
    // the source instead of turning into numeric references.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The page's HTML.</summary>
    /// <param name="language">zh-CN or en (<see cref="WebLanguage"/>).</param>
    /// <param name="antiforgeryToken">The request token for the hidden field.</param>
    /// <param name="returnUrl">Where to go after signing in (local path).</param>
    /// <param name="userName">The name typed before, shown again after a failure.</param>
    /// <param name="message">An error to show, or null.</param>
    /// <param name="signedInAs">The display name of the user already signed in (the page then offers to sign out), or null.</param>
    public static string Render(string language, string antiforgeryToken, string returnUrl, string? userName, string? message, string? signedInAs = null)
    {
        HtmlEncoder html = Html;
        string T(string key) => html.Encode(WebTexts.Get(language, key));
        var page = new StringBuilder(2048);
        page.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{html.Encode(language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{T("signin.title")} · {T("app.name")}</title>
            <link rel="stylesheet" href="{WebPaths.Shared}/site.css">
            </head>
            <body class="signin">
            <main class="card">
            <h1>{T("app.name")}</h1>
            <h2>{T("signin.title")}</h2>

            """);
        if (message is not null)
        {
            page.Append(CultureInfo.InvariantCulture, $"<p class=\"error\" role=\"alert\" id=\"signin-error\">{html.Encode(message)}</p>\n");
        }
        if (signedInAs is not null)
        {
            string signedIn = html.Encode(string.Format(CultureInfo.InvariantCulture, WebTexts.Get(language, "session.signedInAs"), signedInAs));
            page.Append(CultureInfo.InvariantCulture, $"""
                <form method="post" action="{WebPaths.SignOut}" class="signed-in">
                <p id="signed-in-as">{signedIn}</p>
                <input type="hidden" name="{WebPaths.AntiforgeryField}" value="{html.Encode(antiforgeryToken)}">
                <button type="submit" class="secondary" id="signout-submit">{T("signout.submit")}</button>
                </form>

                """);
        }
        page.Append(CultureInfo.InvariantCulture, $"""
            <form method="post" action="{WebPaths.SignIn}">
            <input type="hidden" name="{WebPaths.AntiforgeryField}" value="{html.Encode(antiforgeryToken)}">
            <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl)}">
            <label for="userName">{T("signin.userName")}</label>
            <input id="userName" name="userName" autocomplete="username" required autofocus value="{html.Encode(userName ?? "")}">
            <label for="password">{T("signin.password")}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit" id="signin-submit">{T("signin.submit")}</button>
            </form>
            </main>
            </body>
            </html>

            """);
        return page.ToString();
    }
}
