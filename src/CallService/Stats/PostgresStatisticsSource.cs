using Npgsql;

namespace CallService.Stats;

/// <summary>
/// Statistics over the shared PostgreSQL call-record database (Records/Postgres): one pass over the
/// period's rows (<see cref="PostgresStatisticsSql"/>) added up in .NET, like <see cref="SqliteStatisticsSource"/>. Reads only, in a
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
    /// <remarks>One pass over the period's rows for all the groupings (<see cref="PostgresCallScan"/>, <see cref="StatisticsScan"/>).</remarks>
    public async Task<IReadOnlyList<StatisticsReport>> ComputeAsync(
        StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        var scan = new StatisticsScan(query, groupings, _options);
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        bool completed;
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY; " + PostgresStatisticsSql.Tables, connection, transaction))
        await using (NpgsqlDataReader tables = await readOnly.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // No node has created the records table yet: no calls.
            if (!await tables.ReadAsync(cancellationToken).ConfigureAwait(false) || !tables.GetBoolean(0))
            {
                return scan.Reports(groupings);
            }
            completed = tables.GetBoolean(1);
        }
        await using (var command = new NpgsqlCommand(PostgresStatisticsSql.Rows(query, completed), connection, transaction))
        {
            PostgresStatisticsSql.Bind(command, query);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await PostgresCallScan.ReadAsync(reader, completed, scan, cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return scan.Reports(groupings);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
