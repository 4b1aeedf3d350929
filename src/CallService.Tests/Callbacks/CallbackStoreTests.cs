using CallService.Callbacks;
using CallService.Tests.Records;
using CallService.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Callbacks;

/// <summary>
/// The <see cref="ICallbackStore"/> contract, run on every store (SQLite and PostgreSQL): round trips to the
/// millisecond, listing order, status changes and how they end, attempts, concurrent clicks, interrupted
/// attempts at start, and the store's life cycle.
/// </summary>
public abstract class CallbackStoreTests
{
    /// <summary>The clock the stores opened by <see cref="Open"/> read.</summary>
    protected abstract FakeTimeProvider Time { get; }

    /// <summary>A store (not initialised) on the test's database; disposed with it.</summary>
    protected abstract ICallbackStore Open(ILogger? logger = null);

    protected async Task<ICallbackStore> OpenInitializedAsync(ILogger? logger = null)
    {
        ICallbackStore store = Open(logger);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task A_request_round_trips_with_every_field_in_utc_to_the_millisecond()
    {
        ICallbackStore store = await OpenInitializedAsync();
        var beijing = TimeSpan.FromHours(8);
        CallbackRequest full = SampleCallbacks.Request("c-full") with
        {
            Id = 99, // ignored: the store assigns ids
            CreatedAt = new DateTimeOffset(2025, 3, 8, 10, 0, 0, 123, beijing).AddTicks(4567),
            DueAt = new DateTimeOffset(2025, 3, 8, 10, 15, 0, 123, beijing),
            Status = CallbackStatus.Failed,
            Attempts = 2,
            LastAttemptAt = new DateTimeOffset(2025, 3, 8, 10, 5, 0, 9, beijing),
            LastResult = "无人接听",
            LastAgentRingSeconds = 4.25,
            LastCustomerRingSeconds = 12.5,
            CompletedAt = new DateTimeOffset(2025, 3, 8, 10, 6, 0, 7, beijing).AddTicks(89),
        };

        CallbackRequest added = await store.AddAsync(full, CancellationToken.None);
        CallbackRequest? read = await store.GetAsync(added.Id, CancellationToken.None);

        Assert.NotEqual(99, added.Id);
        Assert.Equal(added, read);
        Assert.Equal(TimeSpan.Zero, read!.CreatedAt.Offset);
        Assert.Equal(new DateTimeOffset(2025, 3, 8, 2, 0, 0, 123, TimeSpan.Zero), read.CreatedAt);
        Assert.Equal(full.DueAt, read.DueAt);
        Assert.Equal(full.LastAttemptAt, read.LastAttemptAt);
        Assert.Equal(new DateTimeOffset(2025, 3, 8, 2, 6, 0, 7, TimeSpan.Zero), read.CompletedAt);
        Assert.Equal("王", read.Surname);
        Assert.Equal("想了解三房户型的价格", read.Request);
        Assert.Equal("王先生", read.CallerDisplayName);
        Assert.Equal(CallbackStatus.Failed, read.Status);
        Assert.Equal(2, read.Attempts);
        Assert.Equal("无人接听", read.LastResult);
    }

    [Fact]
    public async Task A_request_without_the_optional_fields_round_trips_with_nulls()
    {
        ICallbackStore store = await OpenInitializedAsync();
        CallbackRequest bare = new()
        {
            CallId = "c-bare",
            CallerNumber = "1001",
            Line = "sales",
            CreatedAt = TempSqliteDatabase.Start,
            DueAt = TempSqliteDatabase.Start,
        };

        CallbackRequest added = await store.AddAsync(bare, CancellationToken.None);

        Assert.Equal(bare with { Id = added.Id }, await store.GetAsync(added.Id, CancellationToken.None));
        Assert.Null(await store.GetAsync(added.Id + 1, CancellationToken.None));
    }

    [Fact]
    public async Task Listing_filters_by_status_and_orders_by_due_time()
    {
        ICallbackStore store = await OpenInitializedAsync();
        CallbackRequest late = await store.AddAsync(SampleCallbacks.Request("late", createdAfterMinutes: 30), CancellationToken.None);
        CallbackRequest early = await store.AddAsync(SampleCallbacks.Request("early", createdAfterMinutes: 0), CancellationToken.None);
        CallbackRequest done = await store.AddAsync(SampleCallbacks.Request("done", createdAfterMinutes: 10, CallbackStatus.Done), CancellationToken.None);

        Assert.Equal([early, late], await store.ListAsync(CallbackStatus.Pending, CancellationToken.None));
        Assert.Equal([done], await store.ListAsync(CallbackStatus.Done, CancellationToken.None));
        Assert.Empty(await store.ListAsync(CallbackStatus.Calling, CancellationToken.None));
        Assert.Equal([early, done, late], await store.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Changing_the_status_says_how_it_ended()
    {
        ICallbackStore store = await OpenInitializedAsync();
        CallbackRequest added = await store.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);

        CallbackChange failed = await store.ChangeStatusAsync(added.Id, CallbackStatus.Failed, "号码错误", CancellationToken.None);
        Assert.Equal(CallbackChangeOutcome.Changed, failed.Outcome);
        Assert.Equal(added with { Status = CallbackStatus.Failed, LastResult = "号码错误" }, failed.Callback);
        Assert.Equal(failed.Callback, await store.GetAsync(added.Id, CancellationToken.None));

        CallbackChange again = await store.ChangeStatusAsync(added.Id, CallbackStatus.Failed, "other", CancellationToken.None);
        Assert.Equal(CallbackChangeOutcome.Unchanged, again.Outcome);
        Assert.Equal("号码错误", (await store.GetAsync(added.Id, CancellationToken.None))!.LastResult);

        CallbackChange pending = await store.ChangeStatusAsync(added.Id, CallbackStatus.Pending, null, CancellationToken.None);
        Assert.Equal(CallbackChangeOutcome.Changed, pending.Outcome);
        Assert.Equal("号码错误", pending.Callback!.LastResult); // no result given: the last one stays

        Assert.Equal(CallbackChangeOutcome.Changed, (await store.ChangeStatusAsync(added.Id, CallbackStatus.Done, "talked", CancellationToken.None)).Outcome);
        CallbackChange reopened = await store.ChangeStatusAsync(added.Id, CallbackStatus.Pending, null, CancellationToken.None);
        Assert.Equal(CallbackChangeOutcome.IllegalTransition, reopened.Outcome);
        Assert.Equal(CallbackStatus.Done, reopened.Callback!.Status);
        Assert.Equal(CallbackStatus.Done, (await store.GetAsync(added.Id, CancellationToken.None))!.Status);

        Assert.Equal(CallbackChange.NotFound, await store.ChangeStatusAsync(added.Id + 100, CallbackStatus.Done, null, CancellationToken.None));
    }

    [Fact]
    public async Task Becoming_done_stamps_the_completion_time_by_the_desk_or_by_an_attempt_and_nothing_else_does()
    {
        ICallbackStore store = await OpenInitializedAsync();
        CallbackRequest byDesk = await store.AddAsync(SampleCallbacks.Request("c-desk"), CancellationToken.None);
        CallbackRequest byDialer = await store.AddAsync(SampleCallbacks.Request("c-dialer"), CancellationToken.None);

        Time.Advance(TimeSpan.FromMilliseconds(1500.4)); // the store keeps whole milliseconds
        CallbackChange failed = await store.ChangeStatusAsync(byDesk.Id, CallbackStatus.Failed, "busy", CancellationToken.None);
        Assert.Null(failed.Callback!.CompletedAt);
        await store.BeginAttemptAsync(byDialer.Id, CancellationToken.None);
        await store.EndAttemptAsync(byDialer.Id, CallbackStatus.Pending, "no answer", 30, null, CancellationToken.None);
        Assert.Null((await store.GetAsync(byDialer.Id, CancellationToken.None))!.CompletedAt);

        Time.Advance(TimeSpan.FromMinutes(10));
        DateTimeOffset deskDone = DateTimeOffset.FromUnixTimeMilliseconds(Time.GetUtcNow().ToUnixTimeMilliseconds());
        CallbackChange done = await store.ChangeStatusAsync(byDesk.Id, CallbackStatus.Done, "talked", CancellationToken.None);
        Assert.Equal(deskDone, done.Callback!.CompletedAt);
        Assert.Equal(done.Callback, await store.GetAsync(byDesk.Id, CancellationToken.None));

        await store.BeginAttemptAsync(byDialer.Id, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(42));
        DateTimeOffset dialerDone = DateTimeOffset.FromUnixTimeMilliseconds(Time.GetUtcNow().ToUnixTimeMilliseconds());
        CallbackChange talked = await store.EndAttemptAsync(byDialer.Id, CallbackStatus.Done, "talked 2:10", 2.5, 6.0, CancellationToken.None);
        Assert.Equal(dialerDone, talked.Callback!.CompletedAt);
        Assert.Equal(talked.Callback, await store.GetAsync(byDialer.Id, CancellationToken.None));

        // Done again is no change and a refused move leaves the completion time as it was.
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(CallbackChangeOutcome.Unchanged, (await store.ChangeStatusAsync(byDesk.Id, CallbackStatus.Done, "again", CancellationToken.None)).Outcome);
        Assert.Equal(CallbackChangeOutcome.IllegalTransition, (await store.ChangeStatusAsync(byDesk.Id, CallbackStatus.Cancelled, null, CancellationToken.None)).Outcome);
        Assert.Equal(deskDone, (await store.GetAsync(byDesk.Id, CancellationToken.None))!.CompletedAt);
    }

    [Fact]
    public async Task Calling_is_entered_only_by_an_attempt()
    {
        ICallbackStore store = await OpenInitializedAsync();
        CallbackRequest added = await store.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);

        CallbackChange change = await store.ChangeStatusAsync(added.Id, CallbackStatus.Calling, null, CancellationToken.None);

        Assert.Equal(CallbackChangeOutcome.IllegalTransition, change.Outcome);
        Assert.Equal(CallbackStatus.Pending, (await store.GetAsync(added.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_attempt_counts_stamps_and_clears_the_last_result_and_a_second_one_waits_for_its_end()
    {
        ICallbackStore store = await OpenInitializedAsync();
        CallbackRequest added = await store.AddAsync(SampleCallbacks.Request("c-1") with { LastResult = "old" }, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(3.0001));

        CallbackChange first = await store.BeginAttemptAsync(added.Id, CancellationToken.None);

        DateTimeOffset stamp = DateTimeOffset.FromUnixTimeMilliseconds(Time.GetUtcNow().ToUnixTimeMilliseconds());
        Assert.Equal(CallbackChangeOutcome.Changed, first.Outcome);
        Assert.Equal(added with { Status = CallbackStatus.Calling, Attempts = 1, LastAttemptAt = stamp, LastResult = null }, first.Callback);
        Assert.Equal(first.Callback, await store.GetAsync(added.Id, CancellationToken.None));

        CallbackChange second = await store.BeginAttemptAsync(added.Id, CancellationToken.None);
        Assert.Equal(CallbackChangeOutcome.IllegalTransition, second.Outcome);
        Assert.Equal(1, (await store.GetAsync(added.Id, CancellationToken.None))!.Attempts);

        await store.ChangeStatusAsync(added.Id, CallbackStatus.Failed, "busy", CancellationToken.None);
        CallbackChange retry = await store.BeginAttemptAsync(added.Id, CancellationToken.None);
        Assert.Equal(2, retry.Callback!.Attempts);

        await store.ChangeStatusAsync(added.Id, CallbackStatus.Done, "talked", CancellationToken.None);
        Assert.Equal(CallbackChangeOutcome.IllegalTransition, (await store.BeginAttemptAsync(added.Id, CancellationToken.None)).Outcome);
        Assert.Equal(CallbackChange.NotFound, await store.BeginAttemptAsync(added.Id + 1, CancellationToken.None));
    }

    [Fact]
    public async Task Many_desks_clicking_call_at_once_start_exactly_one_attempt()
    {
        ICallbackStore store = await OpenInitializedAsync();
        CallbackRequest added = await store.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);

        CallbackChange[] results = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(_ => Task.Run(() => store.BeginAttemptAsync(added.Id, CancellationToken.None))));

        Assert.Single(results, r => r.Outcome == CallbackChangeOutcome.Changed);
        Assert.Equal(15, results.Count(r => r.Outcome == CallbackChangeOutcome.IllegalTransition));
        Assert.Equal(1, (await store.GetAsync(added.Id, CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task Attempts_left_calling_by_a_previous_run_are_ended_as_failed_at_start()
    {
        ICallbackStore first = await OpenInitializedAsync();
        CallbackRequest calling = await first.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);
        CallbackRequest pending = await first.AddAsync(SampleCallbacks.Request("c-2"), CancellationToken.None);
        await first.BeginAttemptAsync(calling.Id, CancellationToken.None);
        await first.DisposeAsync(); // the process died during the attempt

        var logger = new RecordingLogger();
        ICallbackStore second = Open(logger);
        Assert.Equal(1, await second.InitializeAsync(CancellationToken.None));

        CallbackRequest? ended = await second.GetAsync(calling.Id, CancellationToken.None);
        Assert.Equal(CallbackStatus.Failed, ended!.Status);
        Assert.Equal(SqliteCallbackStore.InterruptedResult, ended.LastResult);
        Assert.Equal(1, ended.Attempts);
        Assert.Equal(pending, await second.GetAsync(pending.Id, CancellationToken.None));
        Assert.Contains(logger.Entries, e => e.EventId == 5101 && Equals(e.Properties["Interrupted"], 1));
    }

    [Fact]
    public async Task The_store_must_be_initialised_once_and_is_closed_after_dispose()
    {
        ICallbackStore store = Open();
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAsync(1, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(SampleCallbacks.Request("c"), CancellationToken.None));

        await store.InitializeAsync(CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAsync(1, CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ChangeStatusAsync(1, CallbackStatus.Done, null, CancellationToken.None));
    }

    [Fact]
    public async Task Ending_an_attempt_records_both_ring_times_and_the_next_attempt_clears_them()
    {
        ICallbackStore store = await OpenInitializedAsync();
        CallbackRequest added = await store.AddAsync(SampleCallbacks.Request("c-1"), CancellationToken.None);
        await store.BeginAttemptAsync(added.Id, CancellationToken.None);

        CallbackChange ended = await store.EndAttemptAsync(added.Id, CallbackStatus.Pending, "customer did not answer", 3.125, 30.002, CancellationToken.None);

        Assert.Equal(CallbackChangeOutcome.Changed, ended.Outcome);
        CallbackRequest? read = await store.GetAsync(added.Id, CancellationToken.None);
        Assert.Equal(ended.Callback, read);
        Assert.Equal(CallbackStatus.Pending, read!.Status);
        Assert.Equal(3.125, read.LastAgentRingSeconds);
        Assert.Equal(30.002, read.LastCustomerRingSeconds);
        Assert.Equal("customer did not answer", read.LastResult);

        CallbackChange again = await store.BeginAttemptAsync(added.Id, CancellationToken.None);
        Assert.Null(again.Callback!.LastAgentRingSeconds);
        Assert.Equal(again.Callback, await store.GetAsync(added.Id, CancellationToken.None));
        await store.EndAttemptAsync(added.Id, CallbackStatus.Pending, "agent ayi did not answer", 30.0, null, CancellationToken.None);
        CallbackRequest? agentOnly = await store.GetAsync(added.Id, CancellationToken.None);
        Assert.Equal(30.0, agentOnly!.LastAgentRingSeconds);
        Assert.Null(agentOnly.LastCustomerRingSeconds);

        await store.ChangeStatusAsync(added.Id, CallbackStatus.Done, "talked", CancellationToken.None);
        Assert.Equal(CallbackChangeOutcome.IllegalTransition,
            (await store.EndAttemptAsync(added.Id, CallbackStatus.Pending, "late", 1, 1, CancellationToken.None)).Outcome);
        Assert.Equal(CallbackChange.NotFound, await store.EndAttemptAsync(added.Id + 1, CallbackStatus.Done, "x", 1, 1, CancellationToken.None));
    }
}
