namespace CallService.Tests.Records;

/// <summary>The store contract (<see cref="CallRecordStoreTests"/>) on a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCallRecordStoreTests(PostgresFixture postgres) : CallRecordStoreTests
{
    protected override async Task<StoreDatabase> CreateDatabaseAsync() => await PostgresStoreDatabase.CreateAsync(postgres);
}
