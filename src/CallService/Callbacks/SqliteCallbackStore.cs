using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CallService.Callbacks;

/// <summary>
/// Callback requests in a SQLite database, normally the call records' file (its own table: see
/// <see cref="SqliteCallbackSchema"/>). Callbacks are few (a handful a day per desk), so every write
/// takes a pooled connection and its own immediate transaction (BEGIN IMMEDIATE takes the write lock
/// first): reading the status and writing the change cannot interleave with another writer, in this
/// process or another. The file is in WAL mode as for the records, with SQLite's default
/// synchronous=FULL: callbacks are few enough to sync every commit, which then survives a power cut too.
/// </summary>
public sealed class SqliteCallbackStore : ICallbackStore
{
    /// <summary>LastResult of the attempts a previous run left "calling".</summary>
    public const string InterruptedResult = "interrupted: the service stopped during the attempt";

    private const int New = 0;
    private const int Initializing = 1;
    private const int Ready = 2;
    private const int Disposed = 3;

    private readonly string _connectionString;
    private readonly string _dataSource;
    private readonly int _busyTimeoutMs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _state;

    /// <param name="connectionStringOrPath">A Microsoft.Data.Sqlite connection string (anything containing '='), or a database file path.</param>
    /// <param name="time">The clock for attempt instants and for ending interrupted attempts.</param>
    /// <param name="logger">Where start-up is reported.</param>
    /// <param name="busyTimeout">How long a statement waits for another writer's lock (default 5 s).</param>
    public SqliteCallbackStore(string connectionStringOrPath, TimeProvider time, ILogger logger, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionStringOrPath);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        TimeSpan busy = busyTimeout ?? TimeSpan.FromSeconds(5);
        if (busy < TimeSpan.Zero || busy > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(busyTimeout), busy, "The busy timeout must be between 0 and 10 minutes.");
        }
        _time = time;
        _logger = logger;
        _busyTimeoutMs = (int)busy.TotalMilliseconds;
        var builder = connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath)
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath };
        _dataSource = builder.DataSource;
        // Microsoft.Data.Sqlite retries busy statements itself for DefaultTimeout seconds: keep it
        // near busy_timeout so a locked database fails the request instead of hanging it.
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busy.TotalSeconds));
        builder.Pooling = true;
        _connectionString = builder.ToString();
    }

    /// <inheritdoc />
    public async Task<int> InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int previous = Interlocked.CompareExchange(ref _state, Initializing, New);
        ObjectDisposedException.ThrowIf(previous == Disposed, this);
        if (previous != New)
        {
            // A second run would end this very store's attempts as interrupted.
            throw new InvalidOperationException("The callback store is already initialised.");
        }
        int interrupted;
        try
        {
            await using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using (SqliteCommand wal = connection.CreateCommand())
            {
                // WAL is kept in the file: readers never wait for the writer. The record store asks the same.
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SqliteCallbackSchema.Create;
            command.ExecuteNonQuery();
            Upgrade(command);
            command.CommandText = "UPDATE callbacks SET status = 'failed', last_result = $result WHERE status = 'calling';";
            command.Parameters.AddWithValue("$result", InterruptedResult);
            interrupted = command.ExecuteNonQuery();
            transaction.Commit();
        }
        catch
        {
            Interlocked.CompareExchange(ref _state, New, Initializing);
            throw;
        }
        if (Interlocked.CompareExchange(ref _state, Ready, Initializing) != Initializing)
        {
            throw new ObjectDisposedException(nameof(SqliteCallbackStore), "The callback store was disposed while it started.");
        }
        CallbacksLog.StoreReady(_logger, _dataSource, interrupted);
        return interrupted;
    }

    /// <summary>Applies the schema steps the file has not had yet (a table without a version row is version 1).</summary>
    private static void Upgrade(SqliteCommand command)
    {
        command.CommandText = SqliteCallbackSchema.CreateVersionTable + " SELECT MAX(version) FROM callbacks_schema_version;";
        int version = command.ExecuteScalar() is long stored ? (int)stored : 1;
        int start = version;
        foreach ((int step, string script) in SqliteCallbackSchema.Steps)
        {
            if (step > version)
            {
                command.CommandText = script;
                command.ExecuteNonQuery();
                version = step;
            }
        }
        if (version != start || start == 1)
        {
            command.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"DELETE FROM callbacks_schema_version; INSERT INTO callbacks_schema_version (version) VALUES ({version});");
            command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public async Task<CallbackRequest> AddAsync(CallbackRequest request, CancellationToken cancellationToken)
    {
        CallbackRequest stored = CallbackColumns.ForInsert(request);
        long id = await WriteAsync((connection, transaction) =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SqliteCallbackRows.InsertSql;
            SqliteCallbackRows.BindInsert(command, stored);
            return (long)command.ExecuteScalar()!;
        }, cancellationToken).ConfigureAwait(false);
        return stored with { Id = id };
    }

    /// <inheritdoc />
    public async Task<CallbackRequest?> GetAsync(long id, CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        await using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return Select(connection, null, id);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CallbackRequest>> ListAsync(CallbackStatus? status, CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        await using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        string where = status is null ? "" : " WHERE status = $status";
        command.CommandText = $"SELECT {CallbackColumns.Selected} FROM callbacks{where} ORDER BY due_at, id;";
        if (status is { } wanted)
        {
            command.Parameters.AddWithValue("$status", wanted.ToName());
        }
        var requests = new List<CallbackRequest>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            requests.Add(SqliteCallbackRows.Read(reader));
        }
        return requests;
    }

    /// <inheritdoc />
    public Task<CallbackChange> ChangeStatusAsync(long id, CallbackStatus status, string? result, CancellationToken cancellationToken) =>
        ChangeAsync(id, status, result, ringTimes: null, cancellationToken);

    /// <inheritdoc />
    public Task<CallbackChange> EndAttemptAsync(long id, CallbackStatus status, string result, double? agentRingSeconds, double? customerRingSeconds,
        CancellationToken cancellationToken) =>
        ChangeAsync(id, status, result, (agentRingSeconds, customerRingSeconds), cancellationToken);

    private Task<CallbackChange> ChangeAsync(long id, CallbackStatus status, string? result, (double? Agent, double? Customer)? ringTimes,
        CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) =>
        {
            CallbackRequest? current = Select(connection, transaction, id);
            if (current is null)
            {
                return CallbackChange.NotFound;
            }
            CallbackChange change = CallbackTransitions.Change(current, status, result, ringTimes, _time.GetUtcNow());
            if (change.Outcome != CallbackChangeOutcome.Changed)
            {
                return change;
            }
            CallbackRequest changed = change.Callback!;
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = ringTimes is null
                ? "UPDATE callbacks SET status = $status, last_result = COALESCE($result, last_result), completed_at = $completed_at WHERE id = $id;"
                : """
                  UPDATE callbacks SET status = $status, last_result = COALESCE($result, last_result), completed_at = $completed_at,
                         last_agent_ring_seconds = $agent_ring, last_customer_ring_seconds = $customer_ring
                  WHERE id = $id;
                  """;
            command.Parameters.AddWithValue("$status", status.ToName());
            command.Parameters.AddWithValue("$result", (object?)result ?? DBNull.Value);
            command.Parameters.AddWithValue("$completed_at", (object?)changed.CompletedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.Parameters.AddWithValue("$id", id);
            if (ringTimes is not null)
            {
                command.Parameters.AddWithValue("$agent_ring", (object?)changed.LastAgentRingSeconds ?? DBNull.Value);
                command.Parameters.AddWithValue("$customer_ring", (object?)changed.LastCustomerRingSeconds ?? DBNull.Value);
            }
            command.ExecuteNonQuery();
            return change;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<CallbackChange> BeginAttemptAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) =>
        {
            CallbackRequest? current = Select(connection, transaction, id);
            if (current is null)
            {
                return CallbackChange.NotFound;
            }
            CallbackChange change = CallbackTransitions.BeginAttempt(current, _time.GetUtcNow());
            if (change.Outcome != CallbackChangeOutcome.Changed)
            {
                return change;
            }
            using SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE callbacks SET status = 'calling', attempts = attempts + 1, last_attempt_at = $now, last_result = NULL,
                                     last_agent_ring_seconds = NULL, last_customer_ring_seconds = NULL
                WHERE id = $id;
                """;
            command.Parameters.AddWithValue("$now", change.Callback!.LastAttemptAt!.Value.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
            return change;
        }, cancellationToken);

    /// <summary>Refuses further use and releases the pooled connections, so the file is closed when this returns.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, Disposed) != Disposed)
        {
            using var pooled = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(pooled);
        }
        return ValueTask.CompletedTask;
    }

    private static CallbackRequest? Select(SqliteConnection connection, SqliteTransaction? transaction, long id)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {CallbackColumns.Selected} FROM callbacks WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? SqliteCallbackRows.Read(reader) : null;
    }

    /// <summary>Runs <paramref name="work"/> in its own immediate transaction and commits it.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        await using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Microsoft.Data.Sqlite begins a non-deferred transaction as BEGIN IMMEDIATE: the write lock
        // is taken before the status is read, and busy_timeout applies to taking it.
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        T result = work(connection, transaction);
        transaction.Commit();
        return result;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMs};");
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void ThrowIfNotReady()
    {
        int state = Volatile.Read(ref _state);
        ObjectDisposedException.ThrowIf(state == Disposed, this);
        if (state != Ready)
        {
            throw new InvalidOperationException("Call InitializeAsync on the callback store first.");
        }
    }
}
