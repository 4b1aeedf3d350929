using CallService.Engine;
using CallService.Hosting;
using CallService.Records;
using CallService.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Tests.Records;

/// <summary>
/// Storage:NodeId names this node in a shared PostgreSQL database; by default the machine name and
/// the SIP port. Storage:Provider = postgres makes the PostgreSQL store with it.
/// </summary>
public sealed class StorageNodeIdTests
{
    private const string Postgres = "Host=db.example;Database=callservice;Username=cs;Password=s3cret";

    [Fact]
    public void Without_a_node_id_the_node_is_the_machine_name_and_the_SIP_port()
    {
        using var root = new HostTempDirectory();

        Assert.Equal($"{Environment.MachineName}:5071", HostOptionsHarness.Options<StorageOptions>(root, ("Sip:Port", "5071")).NodeId);
        Assert.Equal($"{Environment.MachineName}:5060", HostOptionsHarness.Options<StorageOptions>(root).NodeId);
        Assert.Empty(HostOptionsHarness.Failures(root, ("Storage:Provider", "postgres"), ("Storage:ConnectionString", Postgres)));
    }

    [Fact]
    public void A_configured_node_id_is_taken_as_it_is()
    {
        using var root = new HostTempDirectory();

        StorageOptions storage = HostOptionsHarness.Options<StorageOptions>(root, ("Storage:Provider", "postgres"), ("Storage:ConnectionString", Postgres), ("Storage:NodeId", "centre-2/pbx-b"));

        Assert.Equal("centre-2/pbx-b", storage.NodeId);
        Assert.Empty(HostOptionsHarness.Failures(root, ("Storage:Provider", "postgres"), ("Storage:ConnectionString", Postgres), ("Storage:NodeId", "centre-2/pbx-b")));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("  ", "it is empty")]
    [InlineData("pbx-b ", "it starts or ends with a blank")]
    public void A_node_id_that_cannot_name_a_node_is_one_line_naming_the_key(string nodeId, string problem)
    {
        using var root = new HostTempDirectory();

        string failure = Assert.Single(HostOptionsHarness.Failures(root, ("Storage:Provider", "postgres"), ("Storage:ConnectionString", Postgres), ("Storage:NodeId", nodeId)));

        Assert.StartsWith($"Storage:NodeId = \"{nodeId}\": {problem}: ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_makes_the_PostgreSQL_store_under_the_node_id_and_sqlite_the_SQLite_store()
    {
        using var root = new HostTempDirectory();
        StorageOptions postgres = HostOptionsHarness.Options<StorageOptions>(root, ("Storage:Provider", "postgres"), ("Storage:ConnectionString", Postgres), ("Storage:NodeId", "pbx-b"));
        StorageOptions sqlite = HostOptionsHarness.Options<StorageOptions>(root);

        await using var made = EngineServiceCollectionExtensions.CreateStore(postgres, TimeProvider.System, NullLogger.Instance);
        await using var embedded = EngineServiceCollectionExtensions.CreateStore(sqlite, TimeProvider.System, NullLogger.Instance);

        Assert.Equal("pbx-b", Assert.IsType<PostgresCallRecordStore>(made).NodeId);
        Assert.IsType<SqliteCallRecordStore>(embedded);
    }
}
