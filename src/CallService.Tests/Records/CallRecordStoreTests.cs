using CallService.Records;
using CallService.Tests.Support;

namespace CallService.Tests.Records;

/// <summary>
/// Round trips through a store: every field, UTC times, one-decimal rings, notes, listings. Every
/// store passes them: <see cref="SqliteCallRecordStoreTests"/>, <see cref="PostgresCallRecordStoreTests"/>.
/// </summary>
public abstract class CallRecordStoreTests : IAsyncLifetime
{
    private StoreDatabase _db = null!;
    private ICallRecordStore _store = null!;

    /// <summary>A new empty database for one test.</summary>
    protected abstract Task<StoreDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _db = await CreateDatabaseAsync();
        _store = await _db.OpenInitializedAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Every_field_survives_insert_and_get_in_UTC_with_rings_to_one_decimal()
    {
        var written = SampleRecords.Full("full-1");

        var id = await _store.InsertAsync(written with { Id = 999 }, CancellationToken.None);
        var read = await _store.GetAsync(id, CancellationToken.None);

        Assert.NotNull(read);
        Assert.True(id > 0);
        Assert.Equal(written with { Id = id, Rings = 2.3 }, read);
        AssertAllUtc(read);
        Assert.Equal(new DateTimeOffset(2025, 3, 8, 9, 15, 30, 123, TimeSpan.Zero), read.StartedAt);
        Assert.Equal(2.3, read.Rings);
    }

    [Fact]
    public async Task A_new_call_keeps_its_nulls_and_zeros()
    {
        var written = SampleRecords.NewCall("new-1", SampleRecords.Start);
        var id = await _store.InsertAsync(written, CancellationToken.None);

        var read = await _store.GetAsync(id, CancellationToken.None);

        Assert.Equal(written with { Id = id }, read);
        Assert.Null(read!.Outcome);
        Assert.Null(read.CallbackAccepted);
        Assert.False(read.CallbackOffered);
    }

    [Theory]
    [InlineData(1.25, 1.3)]
    [InlineData(1.24999, 1.2)]
    [InlineData(2.0, 2.0)]
    [InlineData(0.04, 0.0)]
    [InlineData(3.95, 4.0)]
    public async Task Rings_are_kept_to_one_decimal(double given, double kept)
    {
        var id = await _store.InsertAsync(SampleRecords.NewCall("rings", SampleRecords.Start) with { Rings = given }, CancellationToken.None);

        Assert.Equal(kept, (await _store.GetAsync(id, CancellationToken.None))!.Rings);
    }

    [Fact]
    public async Task Times_are_kept_to_the_millisecond()
    {
        var start = SampleRecords.Start.AddTicks(9_999);
        var id = await _store.InsertAsync(SampleRecords.NewCall("ms", start), CancellationToken.None);

        Assert.Equal(SampleRecords.Start, (await _store.GetAsync(id, CancellationToken.None))!.StartedAt);
    }

    [Fact]
    public async Task Update_rewrites_the_progress_of_the_call_but_not_its_identity_nor_the_notes()
    {
        var id = await _store.InsertAsync(SampleRecords.NewCall("upd-1", SampleRecords.Start), CancellationToken.None);
        await _store.UpdateNotesAsync(id, "黄", "小姐", "查询车位价格", CancellationToken.None);
        var full = SampleRecords.Full("some-other-call-id");

        await _store.UpdateAsync(full with { Id = id, StartedAt = SampleRecords.Start.AddHours(5), Surname = null, Honorific = null, Request = null }, CancellationToken.None);

        var read = await _store.GetAsync(id, CancellationToken.None);
        Assert.Equal(full with
        {
            Id = id,
            CallId = "upd-1",
            StartedAt = SampleRecords.Start,
            Rings = 2.3,
            Surname = "黄",
            Honorific = "小姐",
            Request = "查询车位价格",
        }, read);
    }

    [Fact]
    public async Task Update_can_clear_fields_again()
    {
        var id = await _store.InsertAsync(SampleRecords.Full("clear-1"), CancellationToken.None);
        var cleared = SampleRecords.NewCall("clear-1", SampleRecords.Start) with { Id = id };

        await _store.UpdateAsync(cleared, CancellationToken.None);

        var read = await _store.GetAsync(id, CancellationToken.None);
        Assert.Equal(cleared with { Surname = "陈", Honorific = "先生", Request = "想预约周六看三房单位" }, read);
    }

    [Fact]
    public async Task Notes_are_set_and_cleared_by_UpdateNotes()
    {
        var id = await _store.InsertAsync(SampleRecords.Full("notes-1"), CancellationToken.None);

        await _store.UpdateNotesAsync(id, "李", null, "回电 2pm", CancellationToken.None);

        var read = await _store.GetAsync(id, CancellationToken.None);
        Assert.Equal(SampleRecords.Full("notes-1") with { Id = id, Rings = 2.3, Surname = "李", Honorific = null, Request = "回电 2pm" }, read);
    }

    [Fact]
    public async Task Writes_to_an_unknown_id_fail_and_the_next_write_succeeds()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.UpdateAsync(SampleRecords.Full("ghost") with { Id = 4242 }, CancellationToken.None));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _store.UpdateNotesAsync(4242, "王", null, null, CancellationToken.None));

        var id = await _store.InsertAsync(SampleRecords.NewCall("after-ghost", SampleRecords.Start), CancellationToken.None);
        Assert.Equal("after-ghost", (await _store.GetAsync(id, CancellationToken.None))!.CallId);
    }

    [Fact]
    public async Task Unknown_ids_and_call_ids_read_as_null()
    {
        Assert.Null(await _store.GetAsync(12345, CancellationToken.None));
        Assert.Null(await _store.FindByCallIdAsync("nobody@example.com", CancellationToken.None));
    }

    [Fact]
    public async Task A_call_is_found_by_its_SIP_Call_ID_latest_record_first()
    {
        await _store.InsertAsync(SampleRecords.NewCall("a84b4c76e66710@pc33.example.com", SampleRecords.Start), CancellationToken.None);
        var other = await _store.InsertAsync(SampleRecords.NewCall("other", SampleRecords.Start), CancellationToken.None);
        var again = await _store.InsertAsync(SampleRecords.NewCall("a84b4c76e66710@pc33.example.com", SampleRecords.Start.AddMinutes(1)), CancellationToken.None);

        Assert.Equal(again, (await _store.FindByCallIdAsync("a84b4c76e66710@pc33.example.com", CancellationToken.None))?.Id);
        Assert.Equal(other, (await _store.FindByCallIdAsync("other", CancellationToken.None))?.Id);
    }

    [Fact]
    public async Task Listings_select_by_start_time_and_line_in_order_with_a_limit()
    {
        var t0 = SampleRecords.Start;
        // Inserted out of order, so the order must come from StartedAt.
        foreach (var (callId, minutes, line) in new[] { ("c3", 30, "sales"), ("c1", 10, "sales"), ("c4", 40, "rent"), ("c2", 20, "rent"), ("c5", 50, "sales"), ("c0", 0, "sales") })
        {
            await _store.InsertAsync(SampleRecords.NewCall(callId, t0.AddMinutes(minutes), line), CancellationToken.None);
        }

        Assert.Equal(["c0", "c1", "c2", "c3", "c4", "c5"], await CallIds(new CallRecordQuery()));
        Assert.Equal(["c1", "c2", "c3"], await CallIds(new CallRecordQuery { Since = t0.AddMinutes(10), Until = t0.AddMinutes(40) }));
        Assert.Equal(["c1", "c3"], await CallIds(new CallRecordQuery { Since = t0.AddMinutes(10), Until = t0.AddMinutes(40), Line = "sales" }));
        Assert.Equal(["c2", "c4"], await CallIds(new CallRecordQuery { Line = "rent" }));
        Assert.Equal(["c0", "c1"], await CallIds(new CallRecordQuery { Limit = 2 }));
        Assert.Equal(["c5", "c3", "c1"], await CallIds(new CallRecordQuery { Line = "sales", NewestFirst = true, Limit = 3 }));
        Assert.Equal(["c3"], await CallIds(new CallRecordQuery { Since = t0.AddMinutes(30).ToOffset(TimeSpan.FromHours(8)), Until = t0.AddMinutes(30).AddMilliseconds(1) }));
        Assert.Empty(await CallIds(new CallRecordQuery { Line = "nobody" }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ListAsync(new CallRecordQuery { Limit = 0 }, CancellationToken.None));
    }

    [Fact]
    public async Task Listings_select_one_caller_s_calls_newest_first_for_the_desk()
    {
        var t0 = SampleRecords.Start;
        foreach (var (callId, minutes, caller, line) in new[] { ("a1", 0, "13700000001", "sales"), ("b1", 5, "13900000000", "sales"), ("a2", 10, "13700000001", "rent"), ("a3", 20, "13700000001", "sales") })
        {
            await _store.InsertAsync(SampleRecords.NewCall(callId, t0.AddMinutes(minutes), line) with { CallerNumber = caller }, CancellationToken.None);
        }

        Assert.Equal(["a3", "a2", "a1"], await CallIds(new CallRecordQuery { CallerNumber = "13700000001", NewestFirst = true }));
        Assert.Equal(["a3", "a2"], await CallIds(new CallRecordQuery { CallerNumber = "13700000001", NewestFirst = true, Limit = 2 }));
        Assert.Equal(["a1", "a3"], await CallIds(new CallRecordQuery { CallerNumber = "13700000001", Line = "sales" }));
        Assert.Empty(await CallIds(new CallRecordQuery { CallerNumber = "1370000000" })); // exact numbers only
    }

    [Fact]
    public async Task Listed_records_carry_every_field()
    {
        var id = await _store.InsertAsync(SampleRecords.Full("listed"), CancellationToken.None);

        var listed = Assert.Single(await _store.ListAsync(new CallRecordQuery(), CancellationToken.None));
        Assert.Equal(SampleRecords.Full("listed") with { Id = id, Rings = 2.3 }, listed);
        AssertAllUtc(listed);
    }

    [Fact]
    public async Task The_store_must_be_initialised_once_before_use()
    {
        var fresh = _db.Open();
        await Assert.ThrowsAsync<InvalidOperationException>(() => fresh.InsertAsync(SampleRecords.NewCall("early", SampleRecords.Start), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => fresh.ListAsync(new CallRecordQuery(), CancellationToken.None));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.InitializeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_disposed_store_refuses_work_and_disposing_twice_is_harmless()
    {
        await _store.DisposeAsync();
        await _store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.InsertAsync(SampleRecords.NewCall("late", SampleRecords.Start), CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.GetAsync(1, CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.InitializeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_store_disposed_while_it_starts_closes_what_it_opened()
    {
        ICallRecordStore? starting = null;
        starting = _db.Open(writerStarting: () => Assert.True(starting!.DisposeAsync().IsCompleted));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => starting.InitializeAsync(CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => starting.GetAsync(1, CancellationToken.None));
        // The database is free again: the other store still writes to it.
        await _store.InsertAsync(SampleRecords.NewCall("still-writing", SampleRecords.Start), CancellationToken.None);
    }

    [Fact]
    public async Task Dispose_drains_the_pending_writes_before_closing()
    {
        var pending = Enumerable.Range(0, 500)
            .Select(i => _store.InsertAsync(SampleRecords.NewCall($"drain-{i}", SampleRecords.Start.AddMilliseconds(i)), CancellationToken.None))
            .ToList();

        await _store.DisposeAsync();

        Assert.All(pending, task => Assert.True(task.IsCompletedSuccessfully));
        Assert.Equal(500, pending.Select(t => t.Result).Distinct().Count());
        var reopened = await _db.OpenInitializedAsync();
        Assert.Equal(500, (await reopened.ListAsync(new CallRecordQuery(), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_write_cancelled_before_it_is_queued_is_not_written()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.InsertAsync(SampleRecords.NewCall("cancelled", SampleRecords.Start), cancelled.Token));

        Assert.Null(await _store.FindByCallIdAsync("cancelled", CancellationToken.None));
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_is_not_written_and_the_ones_before_it_are()
    {
        var store = _store;
        using var cancel = new CancellationTokenSource();
        Task<long> first;
        Task<long> cancelled;

        // Disposing the held lock rolls the other connection's transaction back.
        await using (var hold = await _db.HoldWriteLockAsync())
        {
            first = store.InsertAsync(SampleRecords.NewCall("first", SampleRecords.Start), CancellationToken.None);
            // The writer has taken "first" and waits for the lock; "cancelled" queues behind it.
            await Eventually.True(() => _db.PendingWrites(store) == 0, "the writer takes the first write");
            cancelled = store.InsertAsync(SampleRecords.NewCall("cancelled", SampleRecords.Start), cancel.Token);
            Assert.Equal(1, _db.PendingWrites(store));
            await cancel.CancelAsync();
        }

        await first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(cancelled.IsCanceled);
        Assert.Equal(["first"], (await store.ListAsync(new CallRecordQuery(), CancellationToken.None)).Select(r => r.CallId));
    }

    private async Task<string[]> CallIds(CallRecordQuery query) =>
        [.. (await _store.ListAsync(query, CancellationToken.None)).Select(r => r.CallId)];

    private static void AssertAllUtc(CallRecord record)
    {
        DateTimeOffset?[] times = [record.StartedAt, record.RingStartedAt, record.AnsweredAt, record.AutoAnsweredAt, record.AgentAnsweredAt, record.EndedAt];
        Assert.All(times, t => Assert.Equal(TimeSpan.Zero, t!.Value.Offset));
    }
}
