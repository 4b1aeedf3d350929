using System.Net;
using CallService.Records;
using CallService.Stats;
using CallService.Tests.Records;
using CallService.Tests.Stats;
using CallService.Tests.Support;

namespace CallService.Tests.Web;

/// <summary>
/// The dashboard's API and the report command of the product running on PostgreSQL
/// (Storage:Provider=postgres): the same report as the in-memory reference for the fixture records.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DashboardPostgresProductTests(PostgresFixture postgres)
{
    [Fact]
    public async Task On_postgres_the_dashboard_api_and_report_json_give_the_reference_figures()
    {
        await using TempPostgresDatabase db = await postgres.CreateDatabaseAsync();
        PostgresCallRecordStore store = await db.OpenInitializedAsync(node: "writer:5060");
        await Task.WhenAll(StatisticsFixture.All.Select(r => store.InsertAsync(r, CancellationToken.None)));
        string[] storage = ["--Storage:Provider=postgres", $"--Storage:ConnectionString={db.ConnectionString}"];
        await using ProductProcess product = await ProductProcess.StartAsync(storage);

        // The product's definitions: the shipped line "sales" with 2 rings, Asia/Shanghai.
        var options = new StatisticsOptions
        {
            TimeZone = StatisticsFixture.Options.TimeZone,
            TargetRingsByLine = new Dictionary<string, int> { ["sales"] = 2 },
        };
        StatisticsReport expected = StatisticsCalculator.Compute(StatisticsFixture.All, StatisticsFixture.Query(StatisticsGrouping.Agent), options);

        using WebSession manager = await product.ManagerSessionAsync();
        HttpResponseMessage response = await manager.Http.GetAsync("/api/stats/dashboard?from=2025-06-02&to=2025-06-03");
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        StatisticsReport fromApi = StatisticsReportJson.Parse(json.RootElement.GetProperty("agents").GetRawText());
        Assert.Equal(StatisticsReportJson.ToJson(expected), StatisticsReportJson.ToJson(fromApi));

        await using (ExternalProcess report = ExternalProcess.Start("dotnet",
            [ProductProcess.ProductDll, "report", "--from", "2025-06-02", "--to", "2025-06-03", "--by", "agent", "--format", "json", .. product.CommonArgs, .. storage], product.WorkDir))
        {
            int exit = await report.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"report exited {exit}:\n{report.Output}");
            string text = report.Output;
            StatisticsReport fromCommand = StatisticsReportJson.Parse(text[text.IndexOf('{')..(text.LastIndexOf('}') + 1)]);
            Assert.Equal(StatisticsReportJson.ToJson(expected), StatisticsReportJson.ToJson(fromCommand));
        }

        // The raw records of the same days: a header and one row per call.
        string csv = await manager.Http.GetStringAsync("/api/stats/calls.csv?from=2025-06-02&to=2025-06-03");
        Assert.Equal(expected.Overall.Received + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
