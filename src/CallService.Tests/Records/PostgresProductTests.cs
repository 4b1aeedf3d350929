using CallService.Records;
using CallService.Tests.Interop;
using CallService.Tests.Support;

namespace CallService.Tests.Records;

/// <summary>
/// The product on PostgreSQL, from the outside: `dotnet CallService.dll --Storage:Provider=postgres`,
/// a sipp caller, then `calls --json` with the same arguments; and two nodes on one database: the
/// second starting while the first has a call up, and one killed and restarted while the other has one.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresProductTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_call_answered_by_the_product_on_postgres_is_listed_by_calls_json_and_stored_under_its_node()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var product = await ProductProcess.StartAsync(StorageArgs(db));
        using var rtp = new RtpRecorder();

        await using (var sipp = Sipp.Start("caller.xml", product.SipPort,
            ["-s", "sales", "-key", "caller", "13800005678", "-key", "rtp_port", rtp.Port.ToString(), "-m", "1", "-d", "1000"]))
        {
            int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"sipp exit {exit}:\n{SippInteropTests.Tail(sipp.Output)}\n{product.Output}");
        }

        var record = Assert.Single(await CallsJsonAsync(product));
        Assert.Equal(CallOutcome.AutoAnswered, record.Outcome);
        Assert.Equal(CallRecordNames.AutoAnsweredBy, record.AnsweredBy);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal("13800005678", record.CallerNumber);
        Assert.Equal("sales", record.Line);
        Assert.NotNull(record.EndedAt);
        Assert.InRange((record.EndedAt!.Value - record.AnsweredAt!.Value).TotalMilliseconds, 900, 5000);
        Assert.Equal(
            [(record.Id, $"{Environment.MachineName}:{product.SipPort}")],
            await db.RowsAsync("SELECT id, node FROM call_records", r => (r.GetInt64(0), r.GetString(1))));
        Assert.False(File.Exists(product.Database), "the product should not have made a SQLite database");
    }

    [Fact]
    public async Task A_second_node_starting_on_the_same_database_leaves_the_first_node_s_live_call_alone()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var nodeA = await ProductProcess.StartAsync(StorageArgs(db));
        using var rtp = new RtpRecorder();
        await using var sipp = Sipp.Start("caller.xml", nodeA.SipPort,
            ["-s", "sales", "-key", "caller", "13800008888", "-key", "rtp_port", rtp.Port.ToString(), "-m", "1", "-d", "6000"]);
        await EventuallyAnsweredAsync(db, nodeA);

        await using var nodeB = await ProductProcess.StartAsync(StorageArgs(db));

        Assert.Contains("migrated", nodeA.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("as interrupted", nodeB.Output, StringComparison.Ordinal);
        Assert.Equal([true], await db.RowsAsync("SELECT ended_at IS NULL FROM call_records", r => r.GetBoolean(0)));
        int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"sipp exit {exit}:\n{SippInteropTests.Tail(sipp.Output)}\n{nodeA.Output}");
        // Node B lists node A's call, ended by the caller, not interrupted.
        var record = Assert.Single(await CallsJsonAsync(nodeB));
        Assert.Equal(CallOutcome.AutoAnswered, record.Outcome);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal("13800008888", record.CallerNumber);
    }

    [Fact]
    public async Task A_node_killed_during_a_call_closes_only_its_own_call_as_interrupted_when_it_restarts()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var nodeA = await ProductProcess.StartAsync(StorageArgs(db));
        await using var nodeB = await ProductProcess.StartAsync(StorageArgs(db));
        using var rtpA = new RtpRecorder();
        using var rtpB = new RtpRecorder();
        await using var callerA = Sipp.Start("caller.xml", nodeA.SipPort,
            ["-s", "sales", "-key", "caller", "13800000001", "-key", "rtp_port", rtpA.Port.ToString(), "-m", "1", "-d", "60000"]);
        await using var callerB = Sipp.Start("caller.xml", nodeB.SipPort,
            ["-s", "sales", "-key", "caller", "13800000002", "-key", "rtp_port", rtpB.Port.ToString(), "-m", "1", "-d", "15000"]);
        await EventuallyAnsweredAsync(db, nodeA, calls: 2);

        nodeA.KillHard();
        callerA.Kill(); // its call died with the node
        await nodeA.RestartAsync();

        // Node B's call is still up: no end, no outcome yet (both are written when it ends).
        var rows = await db.RowsAsync(
            "SELECT caller_number, node, ended_at IS NULL, outcome, ended_by FROM call_records ORDER BY caller_number",
            r => (r.GetString(0), r.GetString(1), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        Assert.Equal(
            [
                ("13800000001", $"{Environment.MachineName}:{nodeA.SipPort}", false, "interrupted", "service"),
                ("13800000002", $"{Environment.MachineName}:{nodeB.SipPort}", true, null, null),
            ],
            rows);
        // Node B's caller talks on and hangs up as usual.
        int exit = await callerB.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"sipp exit {exit}:\n{SippInteropTests.Tail(callerB.Output)}\n{nodeB.Output}");
        var records = await CallsJsonAsync(nodeA);
        Assert.Equal([CallOutcome.Interrupted, CallOutcome.AutoAnswered], records.OrderBy(r => r.CallerNumber).Select(r => r.Outcome));
        Assert.Equal([CallEndedBy.Service, CallEndedBy.Caller], records.OrderBy(r => r.CallerNumber).Select(r => r.EndedBy));
    }

    private static string[] StorageArgs(TempPostgresDatabase db) =>
    [
        "--Storage:Provider=postgres",
        $"--Storage:ConnectionString={db.ConnectionString}",
        "--Lines:0:AutoAnswerAfterRings=0",
    ];

    private static async Task EventuallyAnsweredAsync(TempPostgresDatabase db, ProductProcess node, int calls = 1)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while ((await db.RowsAsync("SELECT count(*) FROM call_records WHERE answered_at IS NOT NULL", r => r.GetInt64(0))).Single() < calls)
        {
            Assert.True(Environment.TickCount64 < deadline, $"the call was not answered:\n{node.Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>`calls --json` with the node's own arguments (so the same PostgreSQL database), parsed.</summary>
    private static async Task<IReadOnlyList<CallRecord>> CallsJsonAsync(ProductProcess node)
    {
        await using var command = ExternalProcess.Start("dotnet", [ProductProcess.ProductDll, "calls", "--json", .. node.CommonArgs, .. node.ExtraArgs], node.WorkDir);
        int exit = await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
        string output = command.Output;
        Assert.True(exit == 0, $"calls --json exited {exit}:\n{output}");
        int start = output.IndexOf('[');
        int end = output.LastIndexOf(']');
        Assert.True(start >= 0 && end > start, $"no JSON array in:\n{output}");
        return CallRecordJson.ParseArray(output[start..(end + 1)]);
    }
}
