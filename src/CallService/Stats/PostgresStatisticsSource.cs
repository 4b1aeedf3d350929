using Npgsql;

namespace CallService.Stats;

/// <summary>
/// Statistics over the shared PostgreSQL call-record database (Records/Postgres), aggregated in SQL
/// (<see cref="PostgresStatisticsSql"/>) like <see cref="SqliteStatisticsSource"/>. Reads only, in a
/// read-only transaction, so a report never writes to the database the nodes share.
/// </summary>
public sealed class PostgresStatisticsSource : IStatisticsSource, IPartialStatisticsSource, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly StatisticsOptions _options;

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">The definitions; null for the defaults.</param>
    public PostgresStatisticsSource(string connectionString, StatisticsOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _options = options ?? new StatisticsOptions();
        _options.Validate();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "CallService statistics";
        }
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
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
    public Task<IReadOnlyList<StatisticsReport>> ComputeAsync(
        StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, CancellationToken cancellationToken) =>
        StatisticsFolder.ComputeAsync(this, query, groupings, cancellationToken);

    /// <inheritdoc />
    public async Task FoldAsync(StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, IStatisticsSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        ArgumentNullException.ThrowIfNull(sink);
        query.Validate();
        await ReadAsync(completed => PostgresStatisticsSql.Statements(query, groupings, _options, completed), query, async reader =>
            await StatisticsResultSets.FoldAsync(reader, groupings, sink, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<DateOnly, DayFingerprint>> FingerprintsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var query = new StatisticsQuery { From = from, To = to };
        query.Validate();
        var prints = new Dictionary<DateOnly, DayFingerprint>();
        await ReadAsync(completed => PostgresStatisticsSql.Fingerprints(query, _options.TimeZone, completed), query, async reader =>
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                prints[ReportTimeZone.DayFromEpochDays(reader.GetInt64(0))] = new DayFingerprint(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            }
        }, cancellationToken).ConfigureAwait(false);
        return prints;
    }

    /// <summary>
    /// Runs the statement <paramref name="sql"/> makes (told whether the callback list has completion
    /// times) in a read-only transaction, unless no node has created the records table yet (no calls).
    /// </summary>
    private async Task ReadAsync(Func<bool, string> sql, StatisticsQuery query, Func<NpgsqlDataReader, Task> read, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        bool completed;
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY; " + PostgresStatisticsSql.Tables, connection, transaction))
        await using (NpgsqlDataReader tables = await readOnly.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await tables.ReadAsync(cancellationToken).ConfigureAwait(false) || !tables.GetBoolean(0))
            {
                return;
            }
            completed = tables.GetBoolean(1);
        }
        await using (var command = new NpgsqlCommand(sql(completed), connection, transaction))
        {
            PostgresStatisticsSql.Bind(command, query, _options);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await read(reader).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
