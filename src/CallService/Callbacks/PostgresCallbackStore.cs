using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CallService.Callbacks;

/// <summary>
/// Callback requests in PostgreSQL, the database several nodes share for their records
/// (Storage:Provider = postgres; the table: <see cref="PostgresCallbackSchema"/>). Every write is one
/// transaction that locks the request's row (SELECT ... FOR UPDATE) before reading its status, so two
/// desks, or a desk and a dialer, on any nodes cannot both move it from the same status. An attempt is
/// stamped with the node that runs it: at start a node ends only its own attempts left "calling".
/// </summary>
public sealed class PostgresCallbackStore : ICallbackStore
{
    /// <summary>LastResult of the attempts a previous run of this node left "calling" (as in SQLite).</summary>
    public const string InterruptedResult = SqliteCallbackStore.InterruptedResult;

    private const int New = 0;
    private const int Initializing = 1;
    private const int Ready = 2;
    private const int Disposed = 3;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _state;

    /// <param name="connectionString">An Npgsql connection string (the one the call records use).</param>
    /// <param name="nodeId">This node's name in the shared database (Storage:NodeId).</param>
    public PostgresCallbackStore(string connectionString, string nodeId, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        NodeId = nodeId;
        _time = time;
        _logger = logger;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "CallService callbacks " + nodeId;
        }
        _database = string.Create(CultureInfo.InvariantCulture, $"Host={builder.Host};Port={builder.Port};Database={builder.Database ?? builder.Username}");
        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary>The node whose attempts this store runs and, at start, ends when interrupted.</summary>
    public string NodeId { get; }

    /// <inheritdoc />
    public async Task<int> InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int previous = Interlocked.CompareExchange(ref _state, Initializing, New);
        ObjectDisposedException.ThrowIf(previous == Disposed, this);
        if (previous != New)
        {
            throw new InvalidOperationException("The callback store is already initialised.");
        }
        int interrupted;
        try
        {
            await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1);", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresCallbackSchema.CreateLock });
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using (var command = new NpgsqlCommand(PostgresCallbackSchema.Create, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await UpgradeAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand(
                "UPDATE callbacks SET status = 'failed', last_result = $1 WHERE status = 'calling' AND node = $2;", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = InterruptedResult });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NodeId });
                interrupted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.CompareExchange(ref _state, New, Initializing);
            throw;
        }
        if (Interlocked.CompareExchange(ref _state, Ready, Initializing) != Initializing)
        {
            throw new ObjectDisposedException(nameof(PostgresCallbackStore), "The callback store was disposed while it started.");
        }
        CallbacksLog.StoreReady(_logger, _database, interrupted);
        return interrupted;
    }

    /// <summary>Applies the schema steps the database has not had yet (a table without a version row is version 1).</summary>
    private static async Task UpgradeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        int version;
        await using (var command = new NpgsqlCommand(
            PostgresCallbackSchema.CreateVersionTable + " SELECT MAX(version) FROM callbacks_schema_version;", connection, transaction))
        {
            version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int stored ? stored : 1;
        }
        int start = version;
        foreach ((int step, string script) in PostgresCallbackSchema.Steps)
        {
            if (step > version)
            {
                await using var command = new NpgsqlCommand(script, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                version = step;
            }
        }
        if (version != start || start == 1)
        {
            await using var command = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture,
                $"DELETE FROM callbacks_schema_version; INSERT INTO callbacks_schema_version (version) VALUES ({version});"), connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<CallbackRequest> AddAsync(CallbackRequest request, CancellationToken cancellationToken)
    {
        CallbackRequest stored = CallbackColumns.ForInsert(request);
        ThrowIfNotReady();
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(PostgresCallbackRows.InsertSql, connection);
        PostgresCallbackRows.BindInsert(command, stored);
        long id = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return stored with { Id = id };
    }

    /// <inheritdoc />
    public async Task<CallbackRequest?> GetAsync(long id, CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SelectAsync(connection, null, id, forUpdate: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CallbackRequest>> ListAsync(CallbackStatus? status, CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        string where = status is null ? "" : " WHERE status = $1";
        await using var command = new NpgsqlCommand($"SELECT {CallbackColumns.Selected} FROM callbacks{where} ORDER BY due_at, id;", connection);
        if (status is { } wanted)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = wanted.ToName() });
        }
        var requests = new List<CallbackRequest>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            requests.Add(PostgresCallbackRows.Read(reader));
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
        WriteAsync(id, async (connection, transaction, current) =>
        {
            CallbackChange change = CallbackTransitions.Change(current, status, result, ringTimes, _time.GetUtcNow());
            if (change.Outcome != CallbackChangeOutcome.Changed)
            {
                return change;
            }
            CallbackRequest changed = change.Callback!;
            await using var command = new NpgsqlCommand(ringTimes is null
                ? "UPDATE callbacks SET status = $1, last_result = COALESCE($2, last_result), completed_at = $4 WHERE id = $3;"
                : "UPDATE callbacks SET status = $1, last_result = COALESCE($2, last_result), completed_at = $4, last_agent_ring_seconds = $5, last_customer_ring_seconds = $6 WHERE id = $3;",
                connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status.ToName() });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)result ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            command.Parameters.Add(PostgresCallbackRows.Instant(changed.CompletedAt));
            if (ringTimes is not null)
            {
                command.Parameters.Add(PostgresCallbackRows.Seconds(changed.LastAgentRingSeconds));
                command.Parameters.Add(PostgresCallbackRows.Seconds(changed.LastCustomerRingSeconds));
            }
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return change;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<CallbackChange> BeginAttemptAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(id, async (connection, transaction, current) =>
        {
            CallbackChange change = CallbackTransitions.BeginAttempt(current, _time.GetUtcNow());
            if (change.Outcome != CallbackChangeOutcome.Changed)
            {
                return change;
            }
            await using var command = new NpgsqlCommand("""
                UPDATE callbacks SET status = 'calling', attempts = attempts + 1, last_attempt_at = $1, last_result = NULL, node = $2,
                                     last_agent_ring_seconds = NULL, last_customer_ring_seconds = NULL
                WHERE id = $3;
                """, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = PostgresCallbackRows.Utc(change.Callback!.LastAttemptAt!.Value) });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = NodeId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return change;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, Disposed) != Disposed)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<CallbackRequest?> SelectAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {CallbackColumns.Selected} FROM callbacks WHERE id = $1{(forUpdate ? " FOR UPDATE" : "")};", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgresCallbackRows.Read(reader) : null;
    }

    /// <summary>Locks request <paramref name="id"/>'s row, hands it to <paramref name="work"/>, commits.</summary>
    private async Task<CallbackChange> WriteAsync(
        long id, Func<NpgsqlConnection, NpgsqlTransaction, CallbackRequest, Task<CallbackChange>> work, CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        CallbackRequest? current = await SelectAsync(connection, transaction, id, forUpdate: true, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return CallbackChange.NotFound;
        }
        CallbackChange change = await work(connection, transaction, current).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return change;
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
