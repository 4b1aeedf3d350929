using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CallService.Records;

/// <summary>
/// Runs a list of <see cref="SchemaMigration"/> on a PostgreSQL database shared by several nodes.
/// The nodes of a group may all start at once (after a deployment, or a power cut), so the migration
/// runs under a session advisory lock: the first node migrates, the others wait for the lock and then
/// find nothing left to do. Each step runs in its own transaction together with its schema_version
/// row (PostgreSQL's DDL is transactional), so a step is applied wholly or not at all.
/// </summary>
internal static class PostgresMigrator
{
    /// <summary>
    /// The advisory lock's key, "CallSrvc" in ASCII. Advisory locks belong to one database, so nodes of
    /// different groups on one server do not wait for each other.
    /// </summary>
    public const long LockKey = 0x43616C6C_53727663;

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     integer     PRIMARY KEY,
            description text        NOT NULL,
            applied_at  timestamptz NOT NULL
        )
        """;

    /// <summary>
    /// Applies the pending steps; returns the versions applied (empty when up to date).
    /// <paramref name="waiting"/> is called when another session holds the lock and this one waits.
    /// </summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(
        NpgsqlConnection connection, IReadOnlyList<SchemaMigration> migrations, TimeProvider time, Action? waiting, CancellationToken cancellationToken)
    {
        CheckOrder(migrations);
        await LockAsync(connection, waiting, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, CreateVersionTable, cancellationToken).ConfigureAwait(false);
            var found = await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
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
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
                await using (var insert = new NpgsqlCommand(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES ($1, $2, $3)", connection, transaction))
                {
                    insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = migration.Version });
                    insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = migration.Description });
                    insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = PostgresCallRecordRows.Utc(time.GetUtcNow()) });
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                applied.Add(migration.Version);
            }
            return applied;
        }
        finally
        {
            await UnlockAsync(connection).ConfigureAwait(false);
        }
    }

    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task LockAsync(NpgsqlConnection connection, Action? waiting, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = LockKey });
        if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
        {
            return;
        }
        waiting?.Invoke();
        // Another node is migrating: wait as long as it takes (a step may rewrite a large table); the
        // caller's token still ends the wait.
        command.CommandText = "SELECT pg_advisory_lock($1)";
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = LockKey });
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken (or closed) session holds no lock: the server released it with the session.
        }
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

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        // No timeout: a step may rewrite a large table; the caller's token ends it.
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
