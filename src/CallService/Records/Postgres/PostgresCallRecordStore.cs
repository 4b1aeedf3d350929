using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CallService.Records;

/// <summary>
/// Call records in a PostgreSQL database shared by the nodes of a group of sales centres (DESIGN.md
/// "Scale"). The contract is <see cref="ICallRecordStore"/>'s, as the SQLite store keeps it; what
/// sharing adds:
/// <list type="bullet">
/// <item>Every row names the node that wrote it (<see cref="NodeId"/>), and <see cref="InitializeAsync"/>
/// closes as interrupted only this node's open calls: the other nodes' calls are live.</item>
/// <item>Migrations run under an advisory lock, so nodes starting together migrate once.</item>
/// </list>
/// Writes go through one writer (see <see cref="PostgresRecordWriter"/>); reads and the writer take
/// connections from one pooled Npgsql data source. A write's Task completes after its COMMIT returned,
/// so the write is durable on the server.
/// </summary>
public sealed class PostgresCallRecordStore : ICallRecordStore
{
    /// <summary>The longest node id accepted (it is written on every row).</summary>
    public const int MaxNodeIdLength = 128;

    private const int New = 0;
    private const int Initializing = 1;
    private const int Ready = 2;
    private const int Disposed = 3;
    private const int ReadOnly = 4;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PostgresCallRecordStoreOptions _options;
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private PostgresRecordWriter? _writer;
    private int _state;

    /// <param name="connectionString">An Npgsql connection string, e.g. "Host=db;Database=callservice;Username=callservice;Password=...".</param>
    /// <param name="nodeId">This node's name in the shared database (see <see cref="DefaultNodeId"/>); unique per running node.</param>
    public PostgresCallRecordStore(string connectionString, string nodeId, TimeProvider time, ILogger logger, PostgresCallRecordStoreOptions? options = null)
        : this(connectionString, nodeId, time, logger, options, PostgresMigrations.All)
    {
    }

    internal PostgresCallRecordStore(
        string connectionString, string nodeId, TimeProvider time, ILogger logger, PostgresCallRecordStoreOptions? options, IReadOnlyList<SchemaMigration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        CheckNodeId(nodeId);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options ?? new PostgresCallRecordStoreOptions();
        _options.Validate();
        _time = time;
        _logger = logger;
        _migrations = migrations;
        NodeId = nodeId;

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // pg_stat_activity then tells a DBA which node holds which connection.
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "CallService " + nodeId;
        }
        _database = string.Create(CultureInfo.InvariantCulture, $"Host={builder.Host};Port={builder.Port};Database={builder.Database ?? builder.Username}");
        // One data source for the store's life: its pool serves the readers and the writer's batches.
        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary>This node's name, written on every record it inserts.</summary>
    public string NodeId { get; }

    /// <summary>Writes queued and not yet taken by the writer (a gauge for the dashboard: it grows when the database cannot keep up).</summary>
    public int PendingWrites => _writer?.Pending ?? 0;

    /// <summary>
    /// The node id when none is configured: the machine name and the SIP port ("pbx-02:5060"), which
    /// no other running node has (two nodes on one machine listen on different ports) and which the
    /// same node has again after a restart, so it closes its own interrupted calls.
    /// </summary>
    public static string DefaultNodeId(int sipPort) =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{sipPort}");

    /// <summary>Why <paramref name="nodeId"/> cannot name a node, or null when it can.</summary>
    public static string? NodeIdProblem(string? nodeId)
    {
        if (string.IsNullOrWhiteSpace(nodeId))
        {
            return "it is empty";
        }
        if (nodeId.Length > MaxNodeIdLength)
        {
            return $"it is longer than {MaxNodeIdLength} characters";
        }
        if (nodeId.Any(char.IsControl))
        {
            return "it holds a control character";
        }
        return nodeId.Trim().Length != nodeId.Length ? "it starts or ends with a blank" : null;
    }

    /// <inheritdoc />
    public async Task<int> InitializeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var previous = Interlocked.CompareExchange(ref _state, Initializing, New);
        ObjectDisposedException.ThrowIf(previous == Disposed, this);
        if (previous != New)
        {
            // A second run would close the calls this very store has open as "interrupted".
            throw new InvalidOperationException("The call record store is already initialised.");
        }

        int closed;
        try
        {
            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                var applied = await PostgresMigrator.MigrateAsync(
                    connection, _migrations, _time, () => PostgresCallRecordStoreLog.WaitingForMigrationLock(_logger, _database), cancellationToken)
                    .ConfigureAwait(false);
                if (applied.Count > 0)
                {
                    PostgresCallRecordStoreLog.Migrated(_logger, _database, applied[^1]);
                }
                closed = await CloseOpenRecordsAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            if (closed > 0)
            {
                PostgresCallRecordStoreLog.ClosedInterrupted(_logger, closed, NodeId);
            }
            _options.WriterStarting?.Invoke();
            _writer = new PostgresRecordWriter(_dataSource, NodeId, _options, _logger);
        }
        catch
        {
            if (Interlocked.CompareExchange(ref _state, New, Initializing) == Disposed)
            {
                await _dataSource.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }

        if (Interlocked.CompareExchange(ref _state, Ready, Initializing) != Initializing)
        {
            // Disposed while starting: DisposeAsync left the writer and the data source to us.
            await _writer.DisposeAsync().ConfigureAwait(false);
            await _dataSource.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(PostgresCallRecordStore), "The call record store was disposed while it started.");
        }
        return closed;
    }

    /// <inheritdoc />
    public void OpenForReading()
    {
        var previous = Interlocked.CompareExchange(ref _state, ReadOnly, New);
        ObjectDisposedException.ThrowIf(previous == Disposed, this);
        if (previous != New && previous != ReadOnly)
        {
            throw new InvalidOperationException("The call record store is already open for writing.");
        }
    }

    /// <inheritdoc />
    public Task<long> InsertAsync(CallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Submit(new PostgresInsertOperation(record, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateAsync(CallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Submit(new PostgresUpdateOperation(record, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateNotesAsync(long id, string? surname, string? honorific, string? request, CancellationToken cancellationToken) =>
        Submit(new PostgresUpdateNotesOperation(id, surname, honorific, request, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<CallRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var records = await QueryAsync(
            $"SELECT {PostgresCallRecordRows.SelectColumns} FROM call_records WHERE id = $1",
            [PostgresCallRecordRows.Parameter(NpgsqlDbType.Bigint, id)],
            cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : records[0];
    }

    /// <inheritdoc />
    public async Task<CallRecord?> FindByCallIdAsync(string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callId);
        var records = await QueryAsync(
            $"SELECT {PostgresCallRecordRows.SelectColumns} FROM call_records WHERE call_id = $1 ORDER BY id DESC LIMIT 1",
            [PostgresCallRecordRows.Parameter(NpgsqlDbType.Text, callId)],
            cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : records[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CallRecord>> ListAsync(CallRecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "CallRecordQuery.Limit must be at least 1 (or null for no limit).");
        }
        var conditions = new List<string>(4);
        var parameters = new List<NpgsqlParameter>(4);
        if (query.Since is { } since)
        {
            parameters.Add(PostgresCallRecordRows.Parameter(NpgsqlDbType.TimestampTz, PostgresCallRecordRows.Utc(since)));
            conditions.Add("started_at >= $" + parameters.Count.ToString(CultureInfo.InvariantCulture));
        }
        if (query.Until is { } until)
        {
            parameters.Add(PostgresCallRecordRows.Parameter(NpgsqlDbType.TimestampTz, PostgresCallRecordRows.Utc(until)));
            conditions.Add("started_at < $" + parameters.Count.ToString(CultureInfo.InvariantCulture));
        }
        if (query.Line is { } line)
        {
            parameters.Add(PostgresCallRecordRows.Parameter(NpgsqlDbType.Text, line));
            conditions.Add("line = $" + parameters.Count.ToString(CultureInfo.InvariantCulture));
        }
        if (query.CallerNumber is { } caller)
        {
            parameters.Add(PostgresCallRecordRows.Parameter(NpgsqlDbType.Text, caller));
            conditions.Add("caller_number = $" + parameters.Count.ToString(CultureInfo.InvariantCulture));
        }
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var direction = query.NewestFirst ? "DESC" : "ASC";
        var limit = query.Limit is { } n ? " LIMIT " + n.ToString(CultureInfo.InvariantCulture) : "";
        var sql = $"SELECT {PostgresCallRecordRows.SelectColumns} FROM call_records{where} ORDER BY started_at {direction}, id {direction}{limit}";
        return QueryAsync(sql, parameters, cancellationToken);
    }

    /// <summary>Drains the pending writes (each still completes or fails its Task), then closes the pool's connections.</summary>
    public async ValueTask DisposeAsync()
    {
        var previous = Interlocked.Exchange(ref _state, Disposed);
        if (previous is Disposed or Initializing)
        {
            // While starting, InitializeAsync sees the Disposed state and closes what it uses itself.
            return;
        }
        if (previous == Ready)
        {
            await _writer!.DisposeAsync().ConfigureAwait(false);
        }
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        if (previous == Ready)
        {
            PostgresCallRecordStoreLog.Closed(_logger, _database, NodeId);
        }
    }

    private async Task<int> CloseOpenRecordsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresCallRecordRows.CloseOpenSql, connection);
        command.Parameters.Add(PostgresCallRecordRows.Parameter(NpgsqlDbType.TimestampTz, PostgresCallRecordRows.Utc(_time.GetUtcNow())));
        command.Parameters.Add(PostgresCallRecordRows.Parameter(NpgsqlDbType.Text, CallRecordNames.ToText(CallOutcome.Interrupted)));
        command.Parameters.Add(PostgresCallRecordRows.Parameter(NpgsqlDbType.Text, CallRecordNames.ToText(CallEndedBy.Service)));
        command.Parameters.Add(PostgresCallRecordRows.Parameter(NpgsqlDbType.Text, NodeId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues the write and hands back the operation's own Task (no wrapper), so it is complete the
    /// moment the writer commits it: once DisposeAsync returns, every accepted write has finished.
    /// </summary>
    private Task<T> Submit<T>(PostgresWriteOperation<T> operation, CancellationToken cancellationToken)
    {
        ValueTask queued;
        try
        {
            ThrowIfNotReady();
            queued = _writer!.EnqueueAsync(operation, cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
        return queued.IsCompletedSuccessfully ? operation.Task : AfterQueued(queued, operation);

        static async Task<T> AfterQueued(ValueTask queued, PostgresWriteOperation<T> operation)
        {
            await queued.ConfigureAwait(false);
            return await operation.Task.ConfigureAwait(false);
        }
    }

    private void ThrowIfNotReadable()
    {
        var state = Volatile.Read(ref _state);
        ObjectDisposedException.ThrowIf(state == Disposed, this);
        if (state is not (Ready or ReadOnly))
        {
            throw new InvalidOperationException("Call InitializeAsync or OpenForReading on the call record store first.");
        }
    }

    private void ThrowIfNotReady()
    {
        var state = Volatile.Read(ref _state);
        ObjectDisposedException.ThrowIf(state == Disposed, this);
        if (state != Ready)
        {
            throw new InvalidOperationException("Call InitializeAsync on the call record store first.");
        }
    }

    private static void CheckNodeId(string nodeId)
    {
        if (NodeIdProblem(nodeId) is { } problem)
        {
            throw new ArgumentException($"The node id \"{nodeId}\" cannot name a node: {problem}.", nameof(nodeId));
        }
    }

    private async Task<IReadOnlyList<CallRecord>> QueryAsync(string sql, IEnumerable<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        ThrowIfNotReadable();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }
        var records = new List<CallRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(PostgresCallRecordRows.Read(reader));
        }
        return records;
    }
}
