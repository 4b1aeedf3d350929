using System.Globalization;
using CallService.Records;

namespace CallService.Web.Dashboard;

/// <summary>
/// The raw call records as CSV (RFC 4180) for the dashboard's export: one row per call, times ISO 8601
/// with their UTC offset in the report's zone, rings and durations as stored. The desk's notes
/// (surname, request) are left out: the export is for figures. A cell a spreadsheet would run as a
/// formula (starting with = + - @, tab or CR) is prefixed with an apostrophe: the caller's display
/// name comes from the caller.
/// </summary>
public static class CallRecordsCsv
{
    private static readonly string[] Header =
    [
        "id", "call_id", "caller_number", "caller_display_name", "line", "desk", "started_at", "ring_started_at",
        "answered_at", "answered_by", "rings", "auto_answered_at", "agent_answered_at", "agent_id", "ended_at",
        "outcome", "ended_by", "hold_count", "hold_seconds", "longest_hold_seconds", "callback_offered", "callback_accepted",
    ];

    public static async Task WriteAsync(IEnumerable<CallRecord> records, TimeZoneInfo zone, TextWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync(string.Join(',', Header) + "\r\n").ConfigureAwait(false);
        foreach (CallRecord r in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string?[] cells =
            [
                Number(r.Id), r.CallId, r.CallerNumber, r.CallerDisplayName, r.Line, r.Desk, Time(r.StartedAt, zone), Time(r.RingStartedAt, zone),
                Time(r.AnsweredAt, zone), r.AnsweredBy, Number(r.Rings), Time(r.AutoAnsweredAt, zone), Time(r.AgentAnsweredAt, zone), r.AgentId,
                Time(r.EndedAt, zone), r.Outcome is { } o ? CallRecordNames.ToText(o) : null, r.EndedBy is { } e ? CallRecordNames.ToText(e) : null,
                Number(r.HoldCount), Number(r.HoldSeconds), Number(r.LongestHoldSeconds), r.CallbackOffered ? "true" : "false",
                r.CallbackAccepted is { } a ? (a ? "true" : "false") : null,
            ];
            await writer.WriteAsync(string.Join(',', cells.Select(Cell)) + "\r\n").ConfigureAwait(false);
        }
    }

    /// <summary>One cell: quoted when it holds a comma, quote or line break; formula starts defused.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string? Time(DateTimeOffset? time, TimeZoneInfo zone) =>
        time is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture) : null;

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string? Number(double? value) => value is { } v ? Number(v) : null;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
