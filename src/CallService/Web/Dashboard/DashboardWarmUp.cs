using System.Diagnostics;
using CallService.Stats;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallService.Web.Dashboard;

/// <summary>
/// Computes the dashboard's default view (the 30 days to today, no filter) once, shortly after the
/// service started, so the day cache holds the finished days before a manager opens the page: the
/// first view then costs what a refresh costs (bench/README.md "Statistics"). One pass of about half a
/// second of CPU per 100,000 calls, at a quiet moment rather than in a manager's request.
/// </summary>
public sealed class DashboardWarmUp(
    IStatisticsSource source, IOptions<StatisticsSettings> settings, TimeProvider time, ILogger<DashboardWarmUp> logger) : BackgroundService
{
    /// <summary>How long after start the warm-up waits (the SIP engine and first registrations go first).</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Delay, time, stoppingToken).ConfigureAwait(false);
            StatisticsOptions options = settings.Value.Options;
            DateOnly today = ReportTimeZone.LocalDay(time.GetUtcNow().ToUnixTimeMilliseconds(), options.TimeZone);
            var request = new DashboardRequest(today.AddDays(1 - DashboardRequest.DefaultDays), today, null, null, null);
            long started = Stopwatch.GetTimestamp();
            IReadOnlyList<StatisticsReport> reports = await source.ComputeAsync(
                request.ToQuery(options.TimeZone), DashboardEndpoints.Groupings, stoppingToken).ConfigureAwait(false);
            DashboardLog.WarmedUp(logger, DashboardRequest.DefaultDays, reports[0].Overall.Received, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A missing database or an unreachable PostgreSQL: the page reports it when opened.
            DashboardLog.WarmUpFailed(logger, e);
        }
    }
}
