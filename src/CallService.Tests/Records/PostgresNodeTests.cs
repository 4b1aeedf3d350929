using CallService.Records;

namespace CallService.Tests.Records;

/// <summary>
/// Several nodes share one database (DESIGN.md "Scale"): a node starting closes only the calls its
/// own previous run left open, never the live calls of the others.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresNodeTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string NodeA = "pbx-a:5060";
    private const string NodeB = "pbx-b:5060";
    private TempPostgresDatabase _db = null!;

    public async Task InitializeAsync() => _db = await postgres.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Initialising_node_B_leaves_node_A_s_live_calls_open_and_closes_only_its_own()
    {
        var a = await _db.OpenInitializedAsync(node: NodeA);
        var aFinished = await a.InsertAsync(SampleRecords.Full("a-finished"), CancellationToken.None);
        var aRinging = SampleRecords.NewCall("a-ringing", SampleRecords.Start) with { RingStartedAt = SampleRecords.Start.AddSeconds(0.4) };
        var aRingingId = await a.InsertAsync(aRinging, CancellationToken.None);
        var aTalking = SampleRecords.Full("a-talking") with { EndedAt = null, Outcome = CallOutcome.Answered, EndedBy = null };
        var aTalkingId = await a.InsertAsync(aTalking, CancellationToken.None);
        // Node B's previous run crashed with one call open.
        var crashedB = await _db.OpenInitializedAsync(node: NodeB);
        var bOpen = SampleRecords.NewCall("b-open", SampleRecords.Start.AddMinutes(2));
        var bOpenId = await crashedB.InsertAsync(bOpen, CancellationToken.None);

        _db.Time.Advance(TimeSpan.FromMinutes(5));
        var restartedB = _db.Open(node: NodeB);
        Assert.Equal(1, await restartedB.InitializeAsync(CancellationToken.None));

        Assert.Equal(
            bOpen with { Id = bOpenId, EndedAt = _db.Time.GetUtcNow(), Outcome = CallOutcome.Interrupted, EndedBy = CallEndedBy.Service },
            await restartedB.GetAsync(bOpenId, CancellationToken.None));
        Assert.Equal(aRinging with { Id = aRingingId }, await a.GetAsync(aRingingId, CancellationToken.None));
        Assert.Equal(aTalking with { Id = aTalkingId, Rings = 2.3 }, await a.GetAsync(aTalkingId, CancellationToken.None));
        Assert.Equal(SampleRecords.Full("a-finished") with { Id = aFinished, Rings = 2.3 }, await a.GetAsync(aFinished, CancellationToken.None));

        // Node A goes on with its calls as if nothing happened.
        var ended = aRinging with { Id = aRingingId, EndedAt = _db.Time.GetUtcNow(), Outcome = CallOutcome.Abandoned, EndedBy = CallEndedBy.Caller };
        await a.UpdateAsync(ended, CancellationToken.None);
        Assert.Equal(ended, await restartedB.GetAsync(aRingingId, CancellationToken.None));
    }

    [Fact]
    public async Task Node_A_restarting_after_a_crash_closes_its_own_open_calls_and_not_node_B_s()
    {
        var crashedA = await _db.OpenInitializedAsync(node: NodeA);
        var b = await _db.OpenInitializedAsync(node: NodeB);
        var aOpen = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            crashedA.InsertAsync(SampleRecords.NewCall($"a-{i}", SampleRecords.Start.AddSeconds(i)), CancellationToken.None)));
        var bOpen = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            b.InsertAsync(SampleRecords.NewCall($"b-{i}", SampleRecords.Start.AddSeconds(i)), CancellationToken.None)));

        var restartedA = _db.Open(node: NodeA);
        Assert.Equal(20, await restartedA.InitializeAsync(CancellationToken.None));

        var all = await b.ListAsync(new CallRecordQuery(), CancellationToken.None);
        Assert.All(all.Where(r => aOpen.Contains(r.Id)), r => Assert.Equal(CallOutcome.Interrupted, r.Outcome));
        Assert.All(all.Where(r => bOpen.Contains(r.Id)), r => Assert.Null(r.EndedAt));
        Assert.Equal(50, all.Count);
    }

    [Fact]
    public async Task Every_row_names_the_node_that_inserted_it_and_every_node_reads_them_all()
    {
        var a = await _db.OpenInitializedAsync(node: NodeA);
        var b = await _db.OpenInitializedAsync(node: NodeB);
        var fromA = await a.InsertAsync(SampleRecords.NewCall("from-a", SampleRecords.Start), CancellationToken.None);
        var fromB = await b.InsertAsync(SampleRecords.NewCall("from-b", SampleRecords.Start.AddSeconds(1)), CancellationToken.None);
        // A node updating another node's record (the desk's notes may be written anywhere) keeps its owner.
        await b.UpdateNotesAsync(fromA, "黄", "小姐", "回电", CancellationToken.None);
        await b.UpdateAsync(SampleRecords.NewCall("from-a", SampleRecords.Start) with { Id = fromA, Desk = "bar" }, CancellationToken.None);

        Assert.Equal(
            [(fromA, NodeA), (fromB, NodeB)],
            await _db.RowsAsync("SELECT id, node FROM call_records ORDER BY id", r => (r.GetInt64(0), r.GetString(1))));
        Assert.Equal(["from-a", "from-b"], (await a.ListAsync(new CallRecordQuery(), CancellationToken.None)).Select(r => r.CallId));
        Assert.Equal(["from-a", "from-b"], (await b.ListAsync(new CallRecordQuery(), CancellationToken.None)).Select(r => r.CallId));
        var read = await a.GetAsync(fromA, CancellationToken.None);
        Assert.Equal(("bar", "黄"), (read?.Desk, read?.Surname));
        Assert.Equal(NodeA, a.NodeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" pbx-a:5060")]
    [InlineData("pbx\n5060")]
    public void A_node_id_that_cannot_name_a_node_is_refused(string nodeId)
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgresCallRecordStore(_db.ConnectionString, nodeId, _db.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        Assert.Equal("nodeId", error.ParamName);
    }

    [Fact]
    public void The_default_node_id_is_the_machine_name_and_the_SIP_port()
    {
        Assert.Equal($"{Environment.MachineName}:5062", PostgresCallRecordStore.DefaultNodeId(5062));
        Assert.Null(PostgresCallRecordStore.NodeIdProblem(PostgresCallRecordStore.DefaultNodeId(5062)));
        Assert.NotNull(PostgresCallRecordStore.NodeIdProblem(new string('n', PostgresCallRecordStore.MaxNodeIdLength + 1)));
        Assert.Null(PostgresCallRecordStore.NodeIdProblem(new string('n', PostgresCallRecordStore.MaxNodeIdLength)));
    }
}
