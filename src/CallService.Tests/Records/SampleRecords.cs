using CallService.Records;

namespace CallService.Tests.Records;

/// <summary>Call records for the tests: one with every field set, and plain new calls.</summary>
public static class SampleRecords
{
    public static readonly DateTimeOffset Start = new(2025, 3, 8, 9, 15, 30, 123, TimeSpan.Zero);

    /// <summary>A just-started call: only the fields known at the INVITE.</summary>
    public static CallRecord NewCall(string callId, DateTimeOffset startedAt, string line = "sales") => new()
    {
        CallId = callId,
        CallerNumber = "+8613800138000",
        Line = line,
        StartedAt = startedAt,
    };

    /// <summary>Every field set, with times given at +08:00 (the store must hand them back in UTC).</summary>
    public static CallRecord Full(string callId)
    {
        var beijing = TimeSpan.FromHours(8);
        var start = Start.ToOffset(beijing);
        return new CallRecord
        {
            CallId = callId,
            CallerNumber = "+85291234567",
            CallerDisplayName = "陈大文",
            Line = "haiyi-changzhou",
            Desk = "front",
            StartedAt = start,
            RingStartedAt = start.AddMilliseconds(412),
            AnsweredAt = start.AddMilliseconds(412 + 11_734),
            AnsweredBy = CallRecordNames.AutoAnsweredBy,
            Rings = 2.3468,
            AutoAnsweredAt = start.AddMilliseconds(412 + 11_734),
            AgentAnsweredAt = start.AddSeconds(41.5),
            AgentId = "agent-07",
            EndedAt = start.AddMinutes(3).AddMilliseconds(9),
            Outcome = CallOutcome.AutoAnswered,
            EndedBy = CallEndedBy.Agent,
            Surname = "陈",
            Honorific = "先生",
            Request = "想预约周六看三房单位",
            HoldCount = 2,
            HoldSeconds = 47.25,
            LongestHoldSeconds = 31.5,
            CallbackOffered = true,
            CallbackAccepted = false,
        };
    }
}
