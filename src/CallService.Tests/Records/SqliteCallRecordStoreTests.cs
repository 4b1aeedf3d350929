namespace CallService.Tests.Records;

/// <summary>The store contract (<see cref="CallRecordStoreTests"/>) on SQLite.</summary>
public sealed class SqliteCallRecordStoreTests : CallRecordStoreTests
{
    protected override Task<StoreDatabase> CreateDatabaseAsync() => Task.FromResult<StoreDatabase>(new SqliteStoreDatabase());
}
