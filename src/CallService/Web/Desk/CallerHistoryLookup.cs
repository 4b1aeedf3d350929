using CallService.Records;

namespace CallService.Web.Desk;

/// <summary>Reads a caller's earlier calls from the records (never on the SIP path: the board runs it on the thread pool).</summary>
public static class CallerHistoryLookup
{
    /// <summary>How many earlier calls are read at most (the newest ones).</summary>
    public const int MaxCalls = 100;

    /// <summary>
    /// The history of <paramref name="callerNumber"/> before the call <paramref name="currentCallId"/>;
    /// null for a number nobody can look up (withheld or empty).
    /// </summary>
    public static async Task<CallerHistory?> FindAsync(
        ICallRecordStore records, string callerNumber, string currentCallId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (string.IsNullOrWhiteSpace(callerNumber) || callerNumber.Equals("anonymous", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        IReadOnlyList<CallRecord> found = await records.ListAsync(
            new CallRecordQuery { CallerNumber = callerNumber, NewestFirst = true, Limit = MaxCalls + 2 },
            cancellationToken).ConfigureAwait(false);
        List<CallRecord> earlier = [.. found.Where(r => r.CallId != currentCallId).Take(MaxCalls + 1)];
        if (earlier.Count == 0)
        {
            return CallerHistory.None;
        }
        bool more = earlier.Count > MaxCalls;
        if (more)
        {
            earlier.RemoveAt(earlier.Count - 1);
        }
        CallRecord? named = earlier.FirstOrDefault(r => !string.IsNullOrEmpty(r.Surname));
        return new CallerHistory(
            earlier.Count,
            more,
            named?.Surname,
            named?.Honorific,
            earlier.FirstOrDefault(r => !string.IsNullOrEmpty(r.Request))?.Request,
            earlier[0].StartedAt);
    }
}
