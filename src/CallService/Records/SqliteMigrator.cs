using Microsoft.Data.Sqlite;

namespace CallService.Records;

/// <summary>
/// Runs a list of <see cref="SchemaMigration"/> on a SQLite database: each pending step in its own
/// immediate transaction together with its schema_version row, so a step is applied wholly or not at
/// all, and two processes starting at once cannot both apply it.
/// </summary>
internal static class SqliteMigrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     INTEGER PRIMARY KEY,
            description TEXT    NOT NULL,
            applied_at  INTEGER NOT NULL
        );
        """;

    /// <summary>Applies the pending steps; returns the versions applied (empty when up to date).</summary>
    public static IReadOnlyList<int> Migrate(SqliteConnection connection, IReadOnlyList<SchemaMigration> migrations, TimeProvider time)
    {
        CheckOrder(migrations);
        Execute(connection, null, CreateVersionTable);
        var found = CurrentVersion(connection, null);
        if (found > migrations.Count)
        {
            throw new InvalidOperationException(
                $"The call record database is at schema version {found}, newer than this CallService knows ({migrations.Count}). Run a newer CallService or restore a matching database.");
        }

        var applied = new List<int>();
        foreach (var migration in migrations)
        {
            if (migration.Version <= found)
            {
                continue;
            }
            using var transaction = connection.BeginTransaction(deferred: false);
            // Read again inside the write transaction: another process may have migrated meanwhile.
            if (CurrentVersion(connection, transaction) >= migration.Version)
            {
                continue;
            }
            Execute(connection, transaction, migration.Sql);
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($version, $description, $appliedAt);";
                insert.Parameters.AddWithValue("$version", migration.Version);
                insert.Parameters.AddWithValue("$description", migration.Description);
                insert.Parameters.AddWithValue("$appliedAt", time.GetUtcNow().ToUnixTimeMilliseconds());
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
            applied.Add(migration.Version);
        }
        return applied;
    }

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void CheckOrder(IReadOnlyList<SchemaMigration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new ArgumentException(
                    $"Migrations must be numbered 1, 2, 3... in order; position {i} holds version {migrations[i].Version}.",
                    nameof(migrations));
            }
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
