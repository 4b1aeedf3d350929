using CallService.Callbacks;
using CallService.Tests.Support;

namespace CallService.Tests.Callbacks;

/// <summary>Callback requests for the tests, created relative to <see cref="TempSqliteDatabase.Start"/>.</summary>
public static class SampleCallbacks
{
    /// <summary>
    /// A request as the recorder would store it (pending unless <paramref name="status"/> says otherwise),
    /// created at <see cref="TempSqliteDatabase.Start"/> plus <paramref name="createdAfterMinutes"/> and due 15 minutes later.
    /// </summary>
    public static CallbackRequest Request(string callId, double createdAfterMinutes = 0, CallbackStatus status = CallbackStatus.Pending) => new()
    {
        CallId = callId,
        CallerNumber = "+8613800138000",
        CallerDisplayName = "王先生",
        Surname = "王",
        Request = "想了解三房户型的价格",
        AgentId = "alice",
        Line = "sales",
        CreatedAt = TempSqliteDatabase.Start.AddMinutes(createdAfterMinutes),
        DueAt = TempSqliteDatabase.Start.AddMinutes(createdAfterMinutes + 15),
        Status = status,
    };
}
