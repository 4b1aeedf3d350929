using System.Collections.Frozen;

namespace CallService.Web.Texts;

/// <summary>
/// Every text the web front shows, in zh-CN and English, in one place: server code reads
/// <see cref="Get"/>, scripts read GET /api/texts (the map for the user's language). Keys are
/// "area.name"; add the desk's and the dashboard's texts here, both languages at once.
/// </summary>
public static class WebTexts
{
    private static readonly FrozenDictionary<string, (string Zh, string En)> Texts = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["app.name"] = ("来电服务台", "CallService desk"),
        ["signin.title"] = ("登录", "Sign in"),
        ["signin.userName"] = ("用户名", "User name"),
        ["signin.password"] = ("密码", "Password"),
        ["signin.submit"] = ("登录", "Sign in"),
        ["signin.failed"] = ("用户名或密码不正确。", "The user name or password is wrong."),
        ["signin.lockedOut"] = ("登录失败次数过多,请于 {0} 分钟后再试。", "Too many failed sign-ins: try again in {0} minutes."),
        ["signin.missing"] = ("请输入用户名和密码。", "Enter your user name and password."),
        ["signin.expired"] = ("页面已过期,请重新登录。", "The page expired: sign in again."),
        ["signin.noUsers"] = ("尚未配置任何用户:请管理员在 Web:Users 中添加。", "No users are configured yet: an administrator adds them under Web:Users."),
        ["signout.submit"] = ("退出登录", "Sign out"),
        ["session.signedInAs"] = ("当前用户:{0}", "Signed in as {0}"),
        ["role.agent"] = ("坐席", "Agent"),
        ["role.manager"] = ("经理", "Manager"),
        ["error.forbidden"] = ("您没有权限查看此页面。", "You may not see this page."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The keys, sorted.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Texts.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/> (<see cref="WebLanguage"/>); zh-CN for any other language.</summary>
    /// <exception cref="KeyNotFoundException">No such key: a typo in code, found by the tests.</exception>
    public static string Get(string language, string key)
    {
        (string zh, string en) = Texts[key];
        return language == WebLanguage.English ? en : zh;
    }

    /// <summary>Every text in <paramref name="language"/>, for GET /api/texts.</summary>
    public static IReadOnlyDictionary<string, string> All(string language) =>
        Texts.ToDictionary(t => t.Key, t => language == WebLanguage.English ? t.Value.En : t.Value.Zh, StringComparer.Ordinal);
}
