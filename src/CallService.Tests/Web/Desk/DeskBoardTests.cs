using CallService.Calls;
using CallService.Records;
using CallService.Tests.Records;
using CallService.Tests.Support;
using CallService.Web.Desk;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Tests.Web.Desk;

/// <summary>The desk board: snapshots and changes per viewer scope, ring events in the line's cadence, caller history.</summary>
public sealed class DeskBoardTests
{
    private static readonly CallService.Lines.SalesLine Haiyi = LiveCallBench.Line("sales", "海逸长洲");
    private static readonly CallService.Lines.SalesLine Rongchuang = LiveCallBench.Line("property", "融创物业");
    private static readonly DeskScope Alice = DeskScope.ForAgent("alice", "阿怡", ["sales"]);

    [Fact]
    public void An_agent_s_snapshot_holds_only_the_calls_of_their_lines_and_a_manager_s_all()
    {
        var bench = new LiveCallBench();
        bench.Ring("c1", Haiyi, "13700000001");
        bench.Ring("c2", Rongchuang, "13700000002");
        using var board = new DeskBoard(bench, null, bench.Time, NullLogger.Instance);

        board.Subscribe(Alice, out IReadOnlyList<DeskCall> mine);
        board.Subscribe(DeskScope.AllLines, out IReadOnlyList<DeskCall> all);

        DeskCall call = Assert.Single(mine);
        Assert.Equal(("c1", "sales", "海逸长洲", "13700000001", "ringing", 1), (call.CallId, call.Line, call.LineName, call.CallerNumber, call.State, call.Ring));
        Assert.Equal(5000, call.RingPeriodMs);
        Assert.Equal(LiveCallBench.Now0, call.RingStartedAt);
        Assert.Equal(LiveCallBench.Now0.AddSeconds(10), call.AutoAnswerDueAt);
        Assert.Equal(["c1", "c2"], all.Select(c => c.CallId));
    }

    [Fact]
    public void After_the_snapshot_a_stream_gets_only_changes_on_its_lines()
    {
        var bench = new LiveCallBench();
        using var board = new DeskBoard(bench, null, bench.Time, NullLogger.Instance);
        DeskSubscription alice = board.Subscribe(Alice, out IReadOnlyList<DeskCall> snapshot);
        Assert.Empty(snapshot);

        bench.Ring("other", Rongchuang, "13700000002");
        Call call = bench.Ring("mine", Haiyi, "13700000001");
        call.Handle(new AgentAnswered("alice"));
        call.Handle(new CallerHungUp());

        List<DeskEvent> events = DeskEventsRecorder.Drain(alice);
        Assert.All(events, e => Assert.Equal("sales", e.Line));
        Assert.Equal(["call:offered", "call:ringing", "call:connected", "ended"],
            events.Select(e => e.Data is DeskCall c ? $"{e.Name}:{c.State}" : e.Name));
        var connected = (DeskCall)events[2].Data;
        Assert.Equal("alice", connected.AgentId);
        Assert.Equal(0m, connected.Rings);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.DoesNotContain(board.Calls(DeskScope.AllLines), c => c.CallId == "mine");
    }

    [Fact]
    public void Ring_events_come_at_each_ring_start_of_the_cadence_until_the_service_answers_at_10_s()
    {
        var bench = new LiveCallBench();
        using var board = new DeskBoard(bench, null, bench.Time, NullLogger.Instance);
        DeskSubscription alice = board.Subscribe(Alice, out _);
        bench.Ring("c1", Haiyi, "13700000001");
        DeskEventsRecorder.Drain(alice);

        bench.Time.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.Empty(DeskEventsRecorder.Drain(alice));
        bench.Time.Advance(TimeSpan.FromMilliseconds(1));
        DeskEvent second = Assert.Single(DeskEventsRecorder.Drain(alice));
        Assert.Equal(new DeskRing("c1", 2, LiveCallBench.Now0.AddSeconds(5)), second.Data);

        bench.Time.Advance(TimeSpan.FromSeconds(5)); // 10.0 s: ring 3 would begin; the service answers instead
        List<DeskEvent> events = DeskEventsRecorder.Drain(alice);
        DeskCall answered = Assert.IsType<DeskCall>(Assert.Single(events, e => e.Name == "call").Data);
        Assert.Equal("queued", answered.State);
        Assert.Equal(2.0m, answered.Rings);
        Assert.Null(answered.Ring);
        Assert.DoesNotContain(events, e => e.Data is DeskRing { Ring: > 2 });

        bench.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(DeskEventsRecorder.Drain(alice), e => e.Name == "ring");
    }

    [Fact]
    public void A_held_call_shows_when_the_callback_offer_comes_from_the_line_s_lookup_time()
    {
        var bench = new LiveCallBench();
        var line = LiveCallBench.Line("sales", "海逸长洲", lookupSeconds: 45);
        using var board = new DeskBoard(bench, null, bench.Time, NullLogger.Instance);
        Call call = bench.Ring("c1", line, "13700000001");
        call.Handle(new AgentAnswered("alice"));
        bench.Time.Advance(TimeSpan.FromSeconds(3));
        call.Handle(new CallerPutOnHold());

        DeskCall held = Assert.Single(board.Calls(Alice));
        Assert.Equal("held", held.State);
        Assert.Equal(45, held.LookupCallbackSeconds);
        Assert.Equal(LiveCallBench.Now0.AddSeconds(3), held.HeldSince);
        Assert.Equal(LiveCallBench.Now0.AddSeconds(48), held.CallbackOfferDueAt);
        Assert.Equal(1, held.HoldCount);

        call.Handle(new HoldResumed());
        DeskCall resumed = Assert.Single(board.Calls(Alice));
        Assert.Equal("connected", resumed.State);
        Assert.Null(resumed.CallbackOfferDueAt);
    }

    [Fact]
    public async Task A_returning_caller_is_shown_with_the_surname_call_count_and_last_request_from_the_records()
    {
        await using var db = new TempSqliteDatabase();
        var records = await db.OpenRecordsInitializedAsync();
        for (int i = 0; i < 3; i++)
        {
            long id = await records.InsertAsync(SampleRecords.NewCall($"earlier-{i}", LiveCallBench.Now0.AddDays(i - 10)) with { CallerNumber = "13700000001" }, default);
            await records.UpdateNotesAsync(id, i == 0 ? "王" : null, i == 0 ? "先生" : null, i < 2 ? $"request {i}" : null, default);
        }
        await records.InsertAsync(SampleRecords.NewCall("someone-else", LiveCallBench.Now0.AddDays(-1)) with { CallerNumber = "13900000000" }, default);
        // The current call is already in the records when the lookup runs: it does not count as earlier.
        await records.InsertAsync(SampleRecords.NewCall("c1", LiveCallBench.Now0) with { CallerNumber = "13700000001" }, default);

        var bench = new LiveCallBench();
        using var board = new DeskBoard(bench, records, bench.Time, NullLogger.Instance);
        bench.Ring("c1", Haiyi, "13700000001");
        bench.Ring("c2", Haiyi, "13800000000");

        await Eventually.True(() => board.Calls(Alice).All(c => c.History is not null), "both histories looked up", 10_000);
        CallerHistory? history = board.Calls(Alice).Single(c => c.CallId == "c1").History;
        Assert.Equal(new CallerHistory(3, false, "王", "先生", "request 1", LiveCallBench.Now0.AddDays(-8)), history);
        Assert.Equal(CallerHistory.None, board.Calls(Alice).Single(c => c.CallId == "c2").History);
    }

    [Fact]
    public void Saved_notes_reach_the_streams_that_show_the_call()
    {
        var bench = new LiveCallBench();
        using var board = new DeskBoard(bench, null, bench.Time, NullLogger.Instance);
        bench.Ring("c1", Haiyi, "13700000001");
        DeskSubscription alice = board.Subscribe(Alice, out _);
        DeskSubscription other = board.Subscribe(DeskScope.ForAgent("bob", "Bob", ["property"]), out _);

        board.NotesSaved("c1", new CallNotes("王", "先生", "三房价格"));

        DeskCall shown = Assert.IsType<DeskCall>(Assert.Single(DeskEventsRecorder.Drain(alice)).Data);
        Assert.Equal(new CallNotes("王", "先生", "三房价格"), shown.Notes);
        Assert.Empty(DeskEventsRecorder.Drain(other));
    }

    [Fact]
    public async Task Disposing_the_board_ends_every_stream()
    {
        var bench = new LiveCallBench();
        var board = new DeskBoard(bench, null, bench.Time, NullLogger.Instance);
        DeskSubscription alice = board.Subscribe(Alice, out _);
        board.Dispose();
        Assert.False(await alice.Events.WaitToReadAsync());
        bench.Ring("c1", Haiyi, "13700000001"); // no longer watched: nothing throws, nothing queued
        Assert.Equal(0, board.Subscribers);
    }

    [Fact]
    public void An_event_is_written_as_one_SSE_event_with_its_id_and_one_data_line()
    {
        string text = DeskEventStream.Format("ring", new DeskRing("a@b", 2, LiveCallBench.Now0), 7);
        Assert.Equal("event: ring\nid: 7\ndata: {\"callId\":\"a@b\",\"ring\":2,\"at\":\"2026-11-27T02:00:00+00:00\"}\n\n", text);
        string notes = DeskEventStream.Format("x", new CallNotes("<王>", null, "第一行\n第二行"), null);
        Assert.Equal("event: x\ndata: {\"surname\":\"\\u003C王\\u003E\",\"request\":\"第一行\\n第二行\"}\n\n", notes);
    }
}
