using Microsoft.Extensions.Logging;

namespace CallService.Web.Dashboard;

/// <summary>The dashboard's log events (53xx).</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 5301, Level = LogLevel.Information,
        Message = "Dashboard ready: the last {Days} days ({Calls} calls) computed in {ElapsedMs} ms for the first view")]
    public static partial void WarmedUp(ILogger logger, int days, long calls, long elapsedMs);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning,
        Message = "Dashboard warm-up failed; the first view computes its figures itself")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);
}
