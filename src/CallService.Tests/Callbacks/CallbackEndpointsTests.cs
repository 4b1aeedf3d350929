using CallService.Callbacks;
using CallService.Records;
using CallService.Tests.Records;
using CallService.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Tests.Callbacks;

/// <summary>The API's handlers called as plain methods on a real SQLite store: results, status codes, problem details.</summary>
public sealed class CallbackEndpointsTests : IAsyncLifetime
{
    private readonly TempSqliteDatabase _db = new();
    private SqliteCallbackStore _store = null!;

    public async Task InitializeAsync() => _store = await _db.OpenCallbacksInitializedAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<CallbackRequest> AddAsync(string callId, double createdAfterMinutes = 0, CallbackStatus status = CallbackStatus.Pending) =>
        _store.AddAsync(SampleCallbacks.Request(callId, createdAfterMinutes, status) with { Surname = null, Request = null }, CancellationToken.None);

    [Fact]
    public async Task Listing_by_status_returns_those_requests_earliest_due_first()
    {
        CallbackRequest late = await AddAsync("late", 20);
        CallbackRequest early = await AddAsync("early", 5);
        await AddAsync("done", 1, CallbackStatus.Done);

        IResult result = await CallbackEndpoints.ListAsync("pending", _store, null, NullLogger.Instance, CancellationToken.None);

        var ok = Assert.IsType<Ok<IReadOnlyList<CallbackRequest>>>(result);
        Assert.Equal([early, late], ok.Value);
        var all = Assert.IsType<Ok<IReadOnlyList<CallbackRequest>>>(
            await CallbackEndpoints.ListAsync(null, _store, null, NullLogger.Instance, CancellationToken.None));
        Assert.Equal(3, all.Value!.Count);
    }

    [Theory]
    [InlineData("later")]
    [InlineData("PENDING")]
    [InlineData("")]
    public async Task Listing_with_an_unknown_status_is_a_validation_problem(string status)
    {
        IResult result = await CallbackEndpoints.ListAsync(status, _store, null, NullLogger.Instance, CancellationToken.None);

        var problem = Assert.IsType<ValidationProblem>(result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Contains("pending, calling, done, failed, cancelled", Assert.Single(problem.ProblemDetails.Errors["status"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Getting_an_unknown_id_is_a_404_problem()
    {
        IResult result = await CallbackEndpoints.GetAsync(404, _store, null, NullLogger.Instance, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status404NotFound, problem.StatusCode);
        Assert.Equal("/api/callbacks/404", problem.ProblemDetails.Instance);
    }

    [Fact]
    public async Task Open_requests_show_the_call_records_current_notes_and_closed_ones_what_they_kept()
    {
        SqliteCallRecordStore records = await _db.OpenRecordsInitializedAsync();
        long openRecord = await records.InsertAsync(SampleRecords.NewCall("open", TempSqliteDatabase.Start), CancellationToken.None);
        long doneRecord = await records.InsertAsync(SampleRecords.NewCall("done", TempSqliteDatabase.Start), CancellationToken.None);
        CallbackRequest open = await AddAsync("open");
        CallbackRequest done = await AddAsync("done", 1, CallbackStatus.Done);
        // The agent writes the notes after the caller pressed 1.
        await records.UpdateNotesAsync(openRecord, "李", "小姐", "周六看房", CancellationToken.None);
        await records.UpdateNotesAsync(doneRecord, "陈", null, "已回电", CancellationToken.None);

        var shownOpen = Assert.IsType<Ok<CallbackRequest>>(await CallbackEndpoints.GetAsync(open.Id, _store, records, NullLogger.Instance, CancellationToken.None));
        var shownDone = Assert.IsType<Ok<CallbackRequest>>(await CallbackEndpoints.GetAsync(done.Id, _store, records, NullLogger.Instance, CancellationToken.None));
        var listed = Assert.IsType<Ok<IReadOnlyList<CallbackRequest>>>(await CallbackEndpoints.ListAsync(null, _store, records, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(open with { Surname = "李", Request = "周六看房" }, shownOpen.Value);
        Assert.Equal(done, shownDone.Value);
        Assert.Equal([shownOpen.Value!, done], listed.Value);
    }

    [Fact]
    public async Task Patching_a_legal_move_returns_the_request_after_it()
    {
        CallbackRequest added = await AddAsync("c-1");
        _db.Time.Advance(TimeSpan.FromMinutes(12));

        IResult result = await CallbackEndpoints.PatchAsync(added.Id, new CallbackPatch("done", "talked; visits Saturday"), _store, NullLogger.Instance, CancellationToken.None);

        var ok = Assert.IsType<Ok<CallbackRequest>>(result);
        // Done is stamped with the instant the desk marked it (the statistics' time to callback ends there).
        Assert.Equal(added with { Status = CallbackStatus.Done, LastResult = "talked; visits Saturday", CompletedAt = _db.Time.GetUtcNow() }, ok.Value);
        Assert.Equal(ok.Value, await _store.GetAsync(added.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Patching_to_the_current_status_is_a_harmless_200()
    {
        CallbackRequest added = await AddAsync("c-1");

        var ok = Assert.IsType<Ok<CallbackRequest>>(await CallbackEndpoints.PatchAsync(added.Id, new CallbackPatch("pending"), _store, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(added, ok.Value);
    }

    [Theory]
    [InlineData(null, "status")]
    [InlineData("later", "status")]
    [InlineData("Done", "status")]
    public async Task Patching_without_a_known_status_is_a_validation_problem(string? status, string field)
    {
        CallbackRequest added = await AddAsync("c-1");

        IResult result = await CallbackEndpoints.PatchAsync(added.Id, new CallbackPatch(status), _store, NullLogger.Instance, CancellationToken.None);

        var problem = Assert.IsType<ValidationProblem>(result);
        Assert.Equal(400, problem.StatusCode);
        Assert.True(problem.ProblemDetails.Errors.ContainsKey(field));
        Assert.Equal(added, await _store.GetAsync(added.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Patching_without_a_body_or_with_a_long_result_is_a_validation_problem()
    {
        CallbackRequest added = await AddAsync("c-1");

        var missing = Assert.IsType<ValidationProblem>(await CallbackEndpoints.PatchAsync(added.Id, null, _store, NullLogger.Instance, CancellationToken.None));
        var tooLong = Assert.IsType<ValidationProblem>(await CallbackEndpoints.PatchAsync(
            added.Id, new CallbackPatch("done", new string('x', CallbackEndpoints.MaxResultLength + 1)), _store, NullLogger.Instance, CancellationToken.None));

        Assert.True(missing.ProblemDetails.Errors.ContainsKey("status"));
        Assert.Equal(["result"], tooLong.ProblemDetails.Errors.Keys);
    }

    [Fact]
    public async Task Patching_an_illegal_move_is_a_409_problem_naming_both_statuses()
    {
        CallbackRequest added = await AddAsync("c-1", status: CallbackStatus.Done);

        IResult result = await CallbackEndpoints.PatchAsync(added.Id, new CallbackPatch("pending"), _store, NullLogger.Instance, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status409Conflict, problem.StatusCode);
        Assert.Equal("done", problem.ProblemDetails.Extensions["currentStatus"]);
        Assert.Equal("pending", problem.ProblemDetails.Extensions["requestedStatus"]);
        Assert.Contains("final", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Equal(CallbackStatus.Done, (await _store.GetAsync(added.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Patching_to_calling_is_refused_in_favour_of_the_call_endpoint()
    {
        CallbackRequest added = await AddAsync("c-1");

        var problem = Assert.IsType<ProblemHttpResult>(await CallbackEndpoints.PatchAsync(added.Id, new CallbackPatch("calling"), _store, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(409, problem.StatusCode);
        Assert.Contains($"/api/callbacks/{added.Id}/call", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await _store.GetAsync(added.Id, CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task Patching_an_unknown_id_is_a_404_problem()
    {
        var problem = Assert.IsType<ProblemHttpResult>(await CallbackEndpoints.PatchAsync(77, new CallbackPatch("done"), _store, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(404, problem.StatusCode);
    }

    [Fact]
    public async Task Calling_records_the_attempt_then_dials_with_the_requests_agent_and_answers_202()
    {
        CallbackRequest added = await AddAsync("c-1");
        var dialer = new RecordingDialer();
        _db.Time.Advance(TimeSpan.FromMinutes(4));

        IResult result = await CallbackEndpoints.CallAsync(added.Id, null, _store, dialer, NullLogger.Instance, CancellationToken.None);

        var accepted = Assert.IsType<Accepted<CallbackRequest>>(result);
        CallbackRequest calling = added with { Status = CallbackStatus.Calling, Attempts = 1, LastAttemptAt = TempSqliteDatabase.Start.AddMinutes(4) };
        Assert.Equal(calling, accepted.Value);
        Assert.Equal($"/api/callbacks/{added.Id}", accepted.Location);
        Assert.Equal([(calling, (string?)"alice")], dialer.Dials);
        Assert.Equal(calling, await _store.GetAsync(added.Id, CancellationToken.None));
    }

    [Fact]
    public async Task The_desk_may_choose_the_agent_who_calls()
    {
        CallbackRequest added = await AddAsync("c-1");
        var dialer = new RecordingDialer();

        await CallbackEndpoints.CallAsync(added.Id, new CallbackCallRequest("bob"), _store, dialer, NullLogger.Instance, CancellationToken.None);

        Assert.Equal("bob", Assert.Single(dialer.Dials).AgentId);
    }

    [Fact]
    public async Task A_refused_dial_marks_the_attempt_failed_with_the_reason_and_answers_503()
    {
        CallbackRequest added = await AddAsync("c-1");
        var dialer = new RecordingDialer { Result = CallbackDialResult.Refused("agent alice is not registered") };

        IResult result = await CallbackEndpoints.CallAsync(added.Id, null, _store, dialer, NullLogger.Instance, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Contains("agent alice is not registered", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        CallbackRequest? stored = await _store.GetAsync(added.Id, CancellationToken.None);
        Assert.Equal(CallbackStatus.Failed, stored!.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal("agent alice is not registered", stored.LastResult);
        Assert.Equal(stored, problem.ProblemDetails.Extensions["callback"]);
    }

    [Fact]
    public async Task A_dialer_that_throws_marks_the_attempt_failed_and_answers_500_without_its_message()
    {
        CallbackRequest added = await AddAsync("c-1");
        var dialer = new RecordingDialer { Throw = new InvalidOperationException("socket secret detail") };
        var logger = new RecordingLogger();

        var problem = Assert.IsType<ProblemHttpResult>(await CallbackEndpoints.CallAsync(added.Id, null, _store, dialer, logger, CancellationToken.None));

        Assert.Equal(500, problem.StatusCode);
        Assert.DoesNotContain("secret", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Equal(CallbackStatus.Failed, (await _store.GetAsync(added.Id, CancellationToken.None))!.Status);
        Assert.Contains(logger.Entries, e => e.EventId == 5106 && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task A_failed_request_may_be_called_again_and_counts_the_second_attempt()
    {
        CallbackRequest added = await AddAsync("c-1");
        var dialer = new RecordingDialer { Result = CallbackDialResult.Refused("busy") };
        await CallbackEndpoints.CallAsync(added.Id, null, _store, dialer, NullLogger.Instance, CancellationToken.None);
        dialer.Result = CallbackDialResult.Started;

        var accepted = Assert.IsType<Accepted<CallbackRequest>>(await CallbackEndpoints.CallAsync(added.Id, null, _store, dialer, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(2, accepted.Value!.Attempts);
        Assert.Null(accepted.Value.LastResult);
    }

    [Theory]
    [InlineData(CallbackStatus.Done)]
    [InlineData(CallbackStatus.Cancelled)]
    public async Task Calling_a_closed_request_is_a_409_and_dials_nothing(CallbackStatus status)
    {
        CallbackRequest added = await AddAsync("c-1", status: status);
        var dialer = new RecordingDialer();

        var problem = Assert.IsType<ProblemHttpResult>(await CallbackEndpoints.CallAsync(added.Id, null, _store, dialer, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(409, problem.StatusCode);
        Assert.Equal("calling", problem.ProblemDetails.Extensions["requestedStatus"]);
        Assert.Empty(dialer.Dials);
        Assert.Equal(0, (await _store.GetAsync(added.Id, CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task Calling_while_an_attempt_is_under_way_is_a_409()
    {
        CallbackRequest added = await AddAsync("c-1");
        var dialer = new RecordingDialer();
        await CallbackEndpoints.CallAsync(added.Id, null, _store, dialer, NullLogger.Instance, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(await CallbackEndpoints.CallAsync(added.Id, null, _store, dialer, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(409, problem.StatusCode);
        Assert.Equal("calling", problem.ProblemDetails.Extensions["currentStatus"]);
        Assert.Single(dialer.Dials);
    }

    [Fact]
    public async Task Without_a_dialer_calling_is_a_503_and_records_no_attempt()
    {
        CallbackRequest added = await AddAsync("c-1");

        var problem = Assert.IsType<ProblemHttpResult>(await CallbackEndpoints.CallAsync(added.Id, null, _store, null, NullLogger.Instance, CancellationToken.None));
        var missing = Assert.IsType<ProblemHttpResult>(await CallbackEndpoints.CallAsync(added.Id + 1, null, _store, null, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(503, problem.StatusCode);
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal(added, await _store.GetAsync(added.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Calling_an_unknown_id_is_a_404_and_dials_nothing()
    {
        var dialer = new RecordingDialer();

        var problem = Assert.IsType<ProblemHttpResult>(await CallbackEndpoints.CallAsync(5, null, _store, dialer, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(404, problem.StatusCode);
        Assert.Empty(dialer.Dials);
    }
}
