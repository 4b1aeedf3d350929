using Npgsql;

namespace CallService.Stats;

/// <summary>
/// Statistics over the shared PostgreSQL call-record database (Records/Postgres), aggregated in SQL
/// (<see cref="PostgresStatisticsSql"/>) like <see cref="SqliteStatisticsSource"/>. Reads only, in a
/// read-only transaction, so a report never writes to the database the nodes share.
/// </summary>
public sealed class PostgresStatisticsSource : IStatisticsSource, IAsyncDisposable
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
    public async Task<IReadOnlyList<StatisticsReport>> ComputeAsync(
        StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        query.Validate();
        StatisticsGrouping[] keyed = [.. groupings.Where(g => g != StatisticsGrouping.None).Distinct()];
        var folder = new StatisticsFolder(keyed);
        await using (NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY; SELECT to_regclass('call_records') IS NOT NULL;", connection, transaction))
            {
                // A database no node has run on yet has no table: no calls.
                if (await readOnly.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
                {
                    await using var command = new NpgsqlCommand(PostgresStatisticsSql.Statements(query, keyed, _options), connection, transaction);
                    PostgresStatisticsSql.Bind(command, query, _options);
                    await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await StatisticsResultSets.FoldAsync(reader, keyed, folder, cancellationToken).ConfigureAwait(false);
                }
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        StatisticsTotals overall = folder.Overall;
        return [.. groupings.Select(g => StatisticsReportBuilder.Build(
            query with { By = g },
            _options,
            overall,
            g == StatisticsGrouping.None ? new Dictionary<string, StatisticsTotals>() : folder.GroupsOf(g)))];
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
