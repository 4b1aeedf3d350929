using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CallService.Records;

/// <summary>
/// Call records in an embedded SQLite database. Writes go through one writer (see
/// <see cref="SqliteRecordWriter"/>) on its own connection; reads open their own pooled connections
/// and, thanks to WAL, never wait for the writer. synchronous=NORMAL in WAL mode makes every commit
/// survive a crash of the process (kill -9); only a power cut may lose the last commits.
/// </summary>
public sealed class SqliteCallRecordStore : ICallRecordStore
{
    private const int New = 0;
    private const int Initializing = 1;
    private const int Ready = 2;
    private const int Disposed = 3;
    private const int ReadOnly = 4;

    private readonly string _writerConnectionString;
    private readonly string _readerConnectionString;
    private readonly string _dataSource;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SqliteCallRecordStoreOptions _options;
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private SqliteConnection? _writerConnection;
    private SqliteRecordWriter? _writer;
    private int _state;

    /// <param name="connectionStringOrPath">A Microsoft.Data.Sqlite connection string (anything containing '='), or a database file path.</param>
    public SqliteCallRecordStore(string connectionStringOrPath, TimeProvider time, ILogger logger, SqliteCallRecordStoreOptions? options = null)
        : this(connectionStringOrPath, time, logger, options, SqliteMigrations.All)
    {
    }

    internal SqliteCallRecordStore(
        string connectionStringOrPath, TimeProvider time, ILogger logger, SqliteCallRecordStoreOptions? options, IReadOnlyList<SchemaMigration> migrations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionStringOrPath);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options ?? new SqliteCallRecordStoreOptions();
        _options.Validate();
        _time = time;
        _logger = logger;
        _migrations = migrations;

        var builder = connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath)
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath };
        _dataSource = builder.DataSource;
        // Microsoft.Data.Sqlite retries busy statements itself for DefaultTimeout seconds (0 would
        // mean forever); keep it near busy_timeout so a locked database fails the write, not hangs it.
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds));
        builder.Pooling = true;
        _readerConnectionString = builder.ToString();
        // The writer holds its one connection for the store's life: no pool, and a distinct string
        // so the readers' pool never hands out a connection configured for writing.
        builder.Pooling = false;
        _writerConnectionString = builder.ToString();
    }

    /// <summary>Writes queued and not yet taken by the writer (a gauge for the dashboard: it grows when the disk cannot keep up).</summary>
    public int PendingWrites => _writer?.Pending ?? 0;

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

        SqliteConnection? connection = null;
        int closed;
        try
        {
            connection = new SqliteConnection(_writerConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            ConfigureWriter(connection);
            var applied = SqliteMigrator.Migrate(connection, _migrations, _time);
            if (applied.Count > 0)
            {
                SqliteCallRecordStoreLog.Migrated(_logger, _dataSource, applied[^1]);
            }
            closed = CloseOpenRecords(connection);
            if (closed > 0)
            {
                SqliteCallRecordStoreLog.ClosedInterrupted(_logger, closed);
            }
            _options.WriterConnectionOpened?.Invoke(connection);
            _writerConnection = connection;
            _writer = new SqliteRecordWriter(connection, _options, _logger);
        }
        catch
        {
            connection?.Dispose();
            Interlocked.CompareExchange(ref _state, New, Initializing);
            throw;
        }

        if (Interlocked.CompareExchange(ref _state, Ready, Initializing) != Initializing)
        {
            // Disposed while starting: DisposeAsync left the writer and its connection to us.
            await _writer.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(SqliteCallRecordStore), "The call record store was disposed while it started.");
        }
        return closed;
    }

    /// <inheritdoc />
    public Task<long> InsertAsync(CallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Submit(new SqliteInsertOperation(record, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateAsync(CallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Submit(new SqliteUpdateOperation(record, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateNotesAsync(long id, string? surname, string? honorific, string? request, CancellationToken cancellationToken) =>
        Submit(new SqliteUpdateNotesOperation(id, surname, honorific, request, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<CallRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var records = await QueryAsync(
            $"SELECT {SqliteCallRecordRows.SelectColumns} FROM call_records WHERE id = $id;",
            command => command.Parameters.AddWithValue("$id", id),
            cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : records[0];
    }

    /// <inheritdoc />
    public async Task<CallRecord?> FindByCallIdAsync(string callId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callId);
        var records = await QueryAsync(
            $"SELECT {SqliteCallRecordRows.SelectColumns} FROM call_records WHERE call_id = $callId ORDER BY id DESC LIMIT 1;",
            command => command.Parameters.AddWithValue("$callId", callId),
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
        if (query.Since is not null)
        {
            conditions.Add("started_at >= $since");
        }
        if (query.Until is not null)
        {
            conditions.Add("started_at < $until");
        }
        if (query.Line is not null)
        {
            conditions.Add("line = $line");
        }
        if (query.CallerNumber is not null)
        {
            conditions.Add("caller_number = $caller");
        }
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var direction = query.NewestFirst ? "DESC" : "ASC";
        var limit = query.Limit is { } n ? " LIMIT " + n.ToString(CultureInfo.InvariantCulture) : "";
        var sql = $"SELECT {SqliteCallRecordRows.SelectColumns} FROM call_records{where} ORDER BY started_at {direction}, id {direction}{limit};";
        return QueryAsync(sql, command =>
        {
            if (query.Since is { } since)
            {
                command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            }
            if (query.Until is { } until)
            {
                command.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
            }
            if (query.Line is { } line)
            {
                command.Parameters.AddWithValue("$line", line);
            }
            if (query.CallerNumber is { } caller)
            {
                command.Parameters.AddWithValue("$caller", caller);
            }
        }, cancellationToken);
    }

    /// <summary>Drains the pending writes (each still completes or fails its Task), then closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        var previous = Interlocked.Exchange(ref _state, Disposed);
        if (previous == Disposed)
        {
            return;
        }
        // While starting, InitializeAsync sees the Disposed state and closes what it opened itself.
        if (previous == Ready)
        {
            await _writer!.DisposeAsync().ConfigureAwait(false);
            await _writerConnection!.DisposeAsync().ConfigureAwait(false);
        }
        // Release the readers' pooled connections too, so the files are closed when we return.
        using (var pooled = new SqliteConnection(_readerConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }
        if (previous == Ready)
        {
            SqliteCallRecordStoreLog.Closed(_logger, _dataSource);
        }
    }

    private void ConfigureWriter(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // WAL: readers never block the writer nor it them. The journal mode is kept in the file.
        command.CommandText = "PRAGMA journal_mode = WAL;";
        var mode = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            SqliteCallRecordStoreLog.NotWal(_logger, _dataSource, mode);
        }
        // NORMAL in WAL mode: a commit is in the WAL (the OS has it) before it returns, which a
        // process crash cannot undo; the fsync happens at checkpoints.
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds};");
        command.ExecuteNonQuery();
    }

    private int CloseOpenRecords(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteCallRecordRows.CloseOpenSql;
        command.Parameters.AddWithValue("$ended_at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$outcome", CallRecordNames.ToText(CallOutcome.Interrupted));
        command.Parameters.AddWithValue("$ended_by", CallRecordNames.ToText(CallEndedBy.Service));
        var closed = command.ExecuteNonQuery();
        transaction.Commit();
        return closed;
    }

    /// <summary>
    /// Queues the write and hands back the operation's own Task (no wrapper), so it is complete the
    /// moment the writer commits it: once DisposeAsync returns, every accepted write has finished.
    /// </summary>
    private Task<T> Submit<T>(SqliteWriteOperation<T> operation, CancellationToken cancellationToken)
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

        static async Task<T> AfterQueued(ValueTask queued, SqliteWriteOperation<T> operation)
        {
            await queued.ConfigureAwait(false);
            return await operation.Task.ConfigureAwait(false);
        }
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

    private async Task<IReadOnlyList<CallRecord>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        ThrowIfNotReadable();
        await using var connection = new SqliteConnection(_readerConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds};");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.CommandText = sql;
        bind(command);
        var records = new List<CallRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(SqliteCallRecordRows.Read(reader));
        }
        return records;
    }
}
