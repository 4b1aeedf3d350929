using CallService.Records;
using CallService.Tests.Records;
using CallService.Tests.Support;
using CallService.Web.Desk;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Tests.Web.Desk;

/// <summary>PUT /api/calls/{callId}/notes against a real SQLite store: stored trimmed, problems per RFC 9457.</summary>
public sealed class NotesEndpointTests : IAsyncLifetime
{
    private static readonly DeskScope Alice = DeskScope.ForAgent("alice", "阿怡", ["sales"]);
    private readonly TempSqliteDatabase _db = new();
    private SqliteCallRecordStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await _db.OpenRecordsInitializedAsync();
        await _store.InsertAsync(SampleRecords.NewCall("call-1@pbx", SampleRecords.Start), default);
        await _store.InsertAsync(SampleRecords.NewCall("call-2@pbx", SampleRecords.Start, line: "property"), default);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Valid_notes_are_stored_trimmed_on_the_call_record()
    {
        IResult result = await DeskEndpoints.SaveNotesAsync("call-1@pbx",
            new CallNotesInput { Surname = " 王 ", Honorific = "先生", Request = " 三房户型价格 " }, Alice, _store, null, NullLogger.Instance, default);

        var ok = Assert.IsType<Ok<SavedNotes>>(result);
        Assert.Equal("王", ok.Value!.Surname);
        CallRecord record = (await _store.FindByCallIdAsync("call-1@pbx", default))!;
        Assert.Equal(("王", "先生", "三房户型价格"), (record.Surname, record.Honorific, record.Request));
    }

    [Fact]
    public async Task Bad_input_is_a_validation_problem_with_one_entry_per_field_and_nothing_is_stored()
    {
        IResult result = await DeskEndpoints.SaveNotesAsync("call-1@pbx",
            new CallNotesInput { Surname = new string('王', 21), Honorific = "小姐", Request = "ok" }, Alice, _store, null, NullLogger.Instance, default);

        var problem = Assert.IsType<ValidationProblem>(result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("/api/calls/call-1%40pbx/notes", problem.ProblemDetails.Instance);
        Assert.Equal(["honorific", "surname"], problem.ProblemDetails.Errors.Keys.Order());
        Assert.Null((await _store.FindByCallIdAsync("call-1@pbx", default))!.Request);
    }

    [Fact]
    public async Task An_unknown_call_is_404_and_another_line_s_call_is_403()
    {
        var notes = new CallNotesInput { Surname = "王" };
        var missing = Assert.IsType<ProblemHttpResult>(await DeskEndpoints.SaveNotesAsync("nope", notes, Alice, _store, null, NullLogger.Instance, default));
        Assert.Equal(404, missing.StatusCode);
        var foreign = Assert.IsType<ProblemHttpResult>(await DeskEndpoints.SaveNotesAsync("call-2@pbx", notes, Alice, _store, null, NullLogger.Instance, default));
        Assert.Equal(403, foreign.StatusCode);
        Assert.Null((await _store.FindByCallIdAsync("call-2@pbx", default))!.Surname);
    }
}
