namespace CallService.Records;

/// <summary>
/// The text spellings of the record enums, as the stores keep them in their columns. They are the
/// same strings as the JSON output (a test holds the two together), so a row read with any SQL tool
/// says "auto-answered", not 1.
/// </summary>
public static class CallRecordNames
{
    /// <summary>The <see cref="CallRecord.AnsweredBy"/> value when the service answered itself.</summary>
    public const string AutoAnsweredBy = "auto";

    public static string ToText(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Answered => "answered",
        CallOutcome.AutoAnswered => "auto-answered",
        CallOutcome.Abandoned => "abandoned",
        CallOutcome.AbandonedInQueue => "abandoned-in-queue",
        CallOutcome.Rejected => "rejected",
        CallOutcome.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown call outcome."),
    };

    public static string ToText(CallEndedBy endedBy) => endedBy switch
    {
        CallEndedBy.Caller => "caller",
        CallEndedBy.Agent => "agent",
        CallEndedBy.Service => "service",
        _ => throw new ArgumentOutOfRangeException(nameof(endedBy), endedBy, "Unknown call end side."),
    };

    public static bool TryParseOutcome(string text, out CallOutcome outcome)
    {
        switch (text)
        {
            case "answered": outcome = CallOutcome.Answered; return true;
            case "auto-answered": outcome = CallOutcome.AutoAnswered; return true;
            case "abandoned": outcome = CallOutcome.Abandoned; return true;
            case "abandoned-in-queue": outcome = CallOutcome.AbandonedInQueue; return true;
            case "rejected": outcome = CallOutcome.Rejected; return true;
            case "interrupted": outcome = CallOutcome.Interrupted; return true;
            default: outcome = default; return false;
        }
    }

    public static bool TryParseEndedBy(string text, out CallEndedBy endedBy)
    {
        switch (text)
        {
            case "caller": endedBy = CallEndedBy.Caller; return true;
            case "agent": endedBy = CallEndedBy.Agent; return true;
            case "service": endedBy = CallEndedBy.Service; return true;
            default: endedBy = default; return false;
        }
    }

    /// <summary>
    /// Rings are kept to one decimal (DESIGN.md "Counting rings"); every store rounds the same way,
    /// half away from zero, so 1.25 rings is 1.3 everywhere.
    /// </summary>
    public static double? RoundRings(double? rings) =>
        rings is { } value ? Math.Round(value, 1, MidpointRounding.AwayFromZero) : null;
}
