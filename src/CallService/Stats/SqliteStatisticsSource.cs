using Microsoft.Data.Sqlite;

namespace CallService.Stats;

/// <summary>
/// Statistics over the SQLite call-record database: one pass over the period's rows
/// (<see cref="SqliteStatisticsSql.Rows"/>, read by <see cref="SqliteCallScan"/>) added up by
/// <see cref="StatisticsScan"/> with the reference's definitions. Reads on its own
/// pooled read-only connections (Mode=ReadOnly: no migration, no write, WAL readers never wait for the
/// service's writer), so a report is safe while the service runs; only
/// <see cref="EnsureIndexesAsync"/> opens for writing.
/// </summary>
public sealed class SqliteStatisticsSource : IStatisticsSource
{
    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;
    private readonly string? _file;
    private readonly StatisticsOptions _options;

    /// <param name="connectionStringOrPath">A Microsoft.Data.Sqlite connection string (anything containing '='), or a database file path.</param>
    /// <param name="options">The definitions; null for the defaults.</param>
    public SqliteStatisticsSource(string connectionStringOrPath, StatisticsOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionStringOrPath);
        _options = options ?? new StatisticsOptions();
        _options.Validate();
        var builder = connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath)
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath };
        builder.Pooling = true;
        bool isFile = builder.Mode != SqliteOpenMode.Memory
            && !builder.DataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
            && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        _file = isFile ? builder.DataSource : null;
        // Neither may leave an empty database behind a mistyped path; an in-memory or URI database keeps its mode.
        if (isFile)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }
        _writeConnectionString = builder.ToString();
        if (isFile)
        {
            builder.Mode = SqliteOpenMode.ReadOnly;
        }
        _readConnectionString = builder.ToString();
    }

    /// <summary>The definitions the figures are computed with.</summary>
    public StatisticsOptions Options => _options;

    /// <inheritdoc />
    public async Task<StatisticsReport> ComputeAsync(StatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<StatisticsReport> reports = await ComputeAsync(query, [query.By], cancellationToken).ConfigureAwait(false);
        return reports[0];
    }

    /// <inheritdoc />
    /// <remarks>One pass over the period's rows for all the groupings (<see cref="SqliteCallScan"/>, <see cref="StatisticsScan"/>).</remarks>
    public async Task<IReadOnlyList<StatisticsReport>> ComputeAsync(
        StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        var scan = new StatisticsScan(query, groupings, _options);
        await using SqliteConnection connection = await OpenAsync(_readConnectionString, cancellationToken).ConfigureAwait(false);
        // A database the service has not run on yet has no table: no calls.
        if (await HasCallRecordsTableAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            bool completed = await HasCompletedCallbacksAsync(connection, cancellationToken).ConfigureAwait(false);
            SqliteCallScan.Read(connection, query, completed, scan, cancellationToken);
        }
        return scan.Reports(groupings);
    }

    /// <summary>
    /// Creates the optional statistics index (<see cref="SqliteStatisticsMigration"/>) if it is missing.
    /// Takes the write lock while it builds (seconds on a million rows); run it where writing is
    /// expected, not from a read-only report. The figures are the same with or without it.
    /// </summary>
    public async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await OpenAsync(_writeConnectionString, cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = SqliteStatisticsMigration.Sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        if (_file is not null && !File.Exists(_file))
        {
            throw new FileNotFoundException($"There is no call record database at {_file}.", _file);
        }
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 5000;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<bool> HasCallRecordsTableAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'call_records';";
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Whether the callback store has created its list here with completion times (a records-only file has none).</summary>
    private static async Task<bool> HasCompletedCallbacksAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = SqliteStatisticsSql.HasCompletedCallbacks;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }
}
