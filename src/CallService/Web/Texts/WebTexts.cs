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
        ["dashboard.title"] = ("来电统计", "Call statistics"),
        ["dashboard.from"] = ("开始日期", "From"),
        ["dashboard.to"] = ("结束日期", "To"),
        ["dashboard.line"] = ("线路", "Line"),
        ["dashboard.desk"] = ("服务台", "Desk"),
        ["dashboard.agent"] = ("坐席", "Agent"),
        ["dashboard.all"] = ("全部", "All"),
        ["dashboard.apply"] = ("查询", "Show"),
        ["dashboard.loading"] = ("正在加载…", "Loading…"),
        ["dashboard.failed"] = ("无法加载统计数据:{0}", "The statistics could not be loaded: {0}"),
        ["dashboard.today"] = ("今日实时", "Today, live"),
        ["dashboard.period"] = ("所选期间", "Selected period"),
        ["dashboard.updated"] = ("更新于 {0}", "Updated {0}"),
        ["dashboard.offered"] = ("来电", "Offered"),
        ["dashboard.received"] = ("接收", "Received"),
        ["dashboard.answeredByAgent"] = ("坐席接听", "Answered by an agent"),
        ["dashboard.withinTarget"] = ("达标接听", "Within target"),
        ["dashboard.serviceLevel"] = ("服务水平", "Service level"),
        ["dashboard.serviceLevelHint"] = ("{0} 声内坐席接听 / (来电 − 短时放弃)", "Answered by an agent within {0} rings / (offered − short abandons)"),
        ["dashboard.autoAnswered"] = ("自动应答", "Auto-answered"),
        ["dashboard.abandoned"] = ("放弃", "Abandoned"),
        ["dashboard.shortAbandons"] = ("短时放弃", "Short abandons"),
        ["dashboard.avgAnswer"] = ("平均接听(秒)", "Average answer (s)"),
        ["dashboard.p90Answer"] = ("90% 接听(秒)", "90th pct answer (s)"),
        ["dashboard.ringsHistogram"] = ("接听前振铃次数分布", "Rings before an agent answered"),
        ["dashboard.ringsBand"] = ("{0} 声", "{0} rings"),
        ["dashboard.calls"] = ("通话数", "Calls"),
        ["dashboard.trend"] = ("每日服务水平与目标", "Daily service level against the target"),
        ["dashboard.target"] = ("目标 {0}", "Target {0}"),
        ["dashboard.heatmap"] = ("来电时段分布(星期 × 小时)", "Calls by weekday and hour"),
        ["dashboard.weekdays"] = ("一,二,三,四,五,六,日", "Mon,Tue,Wed,Thu,Fri,Sat,Sun"),
        ["dashboard.agents"] = ("坐席表现", "Agents"),
        ["dashboard.avgRings"] = ("平均振铃", "Average rings"),
        ["dashboard.holds"] = ("保持次数", "Holds"),
        ["dashboard.callbacks"] = ("回电(提供/接受/完成)", "Callbacks (offered/accepted/completed)"),
        ["dashboard.exportTable"] = ("导出坐席表 CSV", "Export the agent table (CSV)"),
        ["dashboard.exportCalls"] = ("导出通话记录 CSV", "Export the call records (CSV)"),
        ["dashboard.noCalls"] = ("该期间没有来电。", "No calls in this period."),
        ["dashboard.agentAuto"] = ("系统自动应答", "The service (auto-answer)"),
        ["dashboard.agentNone"] = ("无人接听", "Nobody answered"),
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
