using CallService.Callbacks;
using CallService.Calls;
using CallService.Records;
using CallService.Tests.Records;
using CallService.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Tests.Callbacks;

/// <summary>A call's callback ticket becomes a pending request with the desk's notes.</summary>
public sealed class CallbackRecorderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset PressedAt = new(2025, 3, 8, 2, 1, 40, 250, TimeSpan.Zero);
    private static readonly CallbackTicket Ticket = new("call-7", "13800138000", "王先生", "sales", "alice", PressedAt);

    private readonly TempSqliteDatabase _db = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_request_is_pending_due_in_15_minutes_with_the_notes_of_the_call_record()
    {
        SqliteCallRecordStore records = await _db.OpenRecordsInitializedAsync();
        long recordId = await records.InsertAsync(SampleRecords.NewCall("call-7", PressedAt.AddMinutes(-1)), CancellationToken.None);
        await records.UpdateNotesAsync(recordId, "王", "先生", "三房户型价格", CancellationToken.None);
        SqliteCallbackStore callbacks = await _db.OpenCallbacksInitializedAsync();
        var logger = new RecordingLogger();

        CallbackRequest stored = await new CallbackRecorder(callbacks, records, logger).RecordAsync(Ticket, CancellationToken.None);

        Assert.Equal(
            new CallbackRequest
            {
                Id = stored.Id,
                CallId = "call-7",
                CallerNumber = "13800138000",
                CallerDisplayName = "王先生",
                Surname = "王",
                Request = "三房户型价格",
                AgentId = "alice",
                Line = "sales",
                CreatedAt = PressedAt,
                DueAt = PressedAt.AddMinutes(15),
                Status = CallbackStatus.Pending,
            },
            stored);
        Assert.Equal(stored, await callbacks.GetAsync(stored.Id, CancellationToken.None));
        Assert.Contains(logger.Entries, e => e.EventId == 5102 && Equals(e.Properties["CallId"], "call-7"));
    }

    [Fact]
    public async Task Without_a_record_store_or_a_record_the_request_has_no_notes()
    {
        SqliteCallbackStore callbacks = await _db.OpenCallbacksInitializedAsync();
        SqliteCallRecordStore records = await _db.OpenRecordsInitializedAsync();

        CallbackRequest withoutStore = await new CallbackRecorder(callbacks, null, NullLogger.Instance).RecordAsync(Ticket, CancellationToken.None);
        CallbackRequest withoutRecord = await new CallbackRecorder(callbacks, records, NullLogger.Instance).RecordAsync(Ticket, CancellationToken.None);

        Assert.Null(withoutStore.Surname);
        Assert.Null(withoutStore.Request);
        Assert.Null(withoutRecord.Surname);
        Assert.NotEqual(withoutStore.Id, withoutRecord.Id);
    }

    [Fact]
    public async Task An_unreadable_record_store_is_logged_and_the_request_is_stored_anyway()
    {
        SqliteCallbackStore callbacks = await _db.OpenCallbacksInitializedAsync();
        SqliteCallRecordStore unopened = _db.OpenRecords(); // never initialised: every read throws
        var logger = new RecordingLogger();

        CallbackRequest stored = await new CallbackRecorder(callbacks, unopened, logger).RecordAsync(Ticket, CancellationToken.None);

        Assert.Equal(stored, await callbacks.GetAsync(stored.Id, CancellationToken.None));
        Assert.Contains(logger.Entries, e => e.EventId == 5103 && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task The_due_time_is_configurable()
    {
        SqliteCallbackStore callbacks = await _db.OpenCallbacksInitializedAsync();
        var recorder = new CallbackRecorder(callbacks, null, NullLogger.Instance) { DueAfter = TimeSpan.FromHours(2) };

        CallbackRequest stored = await recorder.RecordAsync(Ticket, CancellationToken.None);

        Assert.Equal(PressedAt.AddHours(2), stored.DueAt);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CallbackRecorder(callbacks, null, NullLogger.Instance) { DueAfter = TimeSpan.FromSeconds(-1) });
    }

    [Fact]
    public async Task The_ticket_a_call_emits_on_one_is_what_the_recorder_stores()
    {
        // The state machine and the recorder meet through the command: no glue in between here.
        SqliteCallbackStore callbacks = await _db.OpenCallbacksInitializedAsync();
        var recorder = new CallbackRecorder(callbacks, null, NullLogger.Instance);
        var h = new Calls.CallHarness().Connect().HoldAt(10);
        h.AdvanceToHeld(30);
        h.Handle(new DigitReceived('1'));
        CallbackTicket ticket = h.Commands.OfType<RecordCallbackRequest>().Single().Ticket;

        CallbackRequest stored = await recorder.RecordAsync(ticket, CancellationToken.None);

        Assert.Equal("call-1", stored.CallId);
        Assert.Equal(Calls.CallHarness.Caller.CallerNumber, stored.CallerNumber);
        Assert.Equal("sales", stored.Line);
        Assert.Equal("alice", stored.AgentId);
        Assert.Equal(h.Held(30), stored.CreatedAt);
    }
}
