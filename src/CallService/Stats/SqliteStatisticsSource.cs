using Microsoft.Data.Sqlite;

namespace CallService.Stats;

/// <summary>
/// Statistics over the SQLite call-record database, aggregated in SQL (<see cref="SqliteStatisticsSql"/>):
/// only one row per group and a few percentile rows per group leave the database. Reads on its own
/// pooled connections and never writes (WAL: safe beside a running service), except
/// <see cref="EnsureIndexesAsync"/>.
/// </summary>
public sealed class SqliteStatisticsSource : IStatisticsSource
{
    private readonly string _connectionString;
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
        if (isFile && builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            // A report must not leave an empty database behind a mistyped path.
            builder.Mode = SqliteOpenMode.ReadWrite;
        }
        _file = isFile ? builder.DataSource : null;
        _connectionString = builder.ToString();
    }

    /// <summary>The definitions the figures are computed with.</summary>
    public StatisticsOptions Options => _options;

    /// <inheritdoc />
    public async Task<StatisticsReport> ComputeAsync(StatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        await using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!await HasCallRecordsTableAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            // The service has not run on this database yet: no calls.
            return StatisticsReportBuilder.Build(query, _options, StatisticsTotals.Empty, new Dictionary<string, StatisticsTotals>());
        }

        StatisticsQuery overallQuery = query with { By = StatisticsGrouping.None };
        Dictionary<string, StatisticsTotals> overall = await TotalsAsync(connection, overallQuery, cancellationToken).ConfigureAwait(false);
        Dictionary<string, StatisticsTotals> groups = query.By == StatisticsGrouping.None
            ? []
            : await TotalsAsync(connection, query, cancellationToken).ConfigureAwait(false);
        return StatisticsReportBuilder.Build(
            query, _options, overall.GetValueOrDefault(StatisticsKeys.Overall) ?? StatisticsTotals.Empty, groups);
    }

    /// <summary>
    /// Creates the statistics index (<see cref="SqliteStatisticsMigration"/>) if it is missing. Takes
    /// the write lock while it builds (seconds on a million rows); run it where writing is expected
    /// (seed-demo-data, the service's start once the migration is in the store's list), not from a
    /// read-only report.
    /// </summary>
    public async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = SqliteStatisticsMigration.Sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_file is not null && !File.Exists(_file))
        {
            throw new FileNotFoundException($"There is no call record database at {_file}.", _file);
        }
        var connection = new SqliteConnection(_connectionString);
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

    /// <summary>The totals per group key of the query's grouping (the overall key for None).</summary>
    private async Task<Dictionary<string, StatisticsTotals>> TotalsAsync(
        SqliteConnection connection, StatisticsQuery query, CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, StatisticsTotals>(StringComparer.Ordinal);
        await using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = SqliteStatisticsSql.AggregateStatement(query, _options);
            SqliteStatisticsSql.Bind(command, query, _options);
            await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                totals[Key(reader, query.By)] = ReadTotals(reader);
            }
        }

        // Percentile rows: (key, kind, count, rank, value); each rank may be P50's, P90's or both.
        var percentiles = new Dictionary<(string Key, int Kind), (long? P50, long? P90)>();
        await using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = SqliteStatisticsSql.PercentileStatement(query, _options);
            SqliteStatisticsSql.Bind(command, query, _options);
            await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                string key = Key(reader, query.By);
                int kind = reader.GetInt32(1);
                long count = reader.GetInt64(2);
                long rank = reader.GetInt64(3);
                long value = reader.GetInt64(4);
                var found = percentiles.GetValueOrDefault((key, kind));
                if (rank == NearestRank.Rank(50, count))
                {
                    found.P50 = value;
                }
                if (rank == NearestRank.Rank(90, count))
                {
                    found.P90 = value;
                }
                percentiles[(key, kind)] = found;
            }
        }

        foreach (string key in totals.Keys.ToList())
        {
            StatisticsTotals t = totals[key];
            totals[key] = t with
            {
                TimeToAnswerMs = WithPercentiles(t.TimeToAnswerMs, percentiles.GetValueOrDefault((key, SqliteStatisticsSql.TimeToAnswerKind))),
                TimeToAnswerTenths = WithPercentiles(t.TimeToAnswerTenths, percentiles.GetValueOrDefault((key, SqliteStatisticsSql.TenthsKind))),
                QueueWaitMs = WithPercentiles(t.QueueWaitMs, percentiles.GetValueOrDefault((key, SqliteStatisticsSql.QueueWaitKind))),
            };
        }
        return totals;
    }

    private static ValueTotals WithPercentiles(ValueTotals totals, (long? P50, long? P90) percentiles) =>
        totals with { P50 = percentiles.P50, P90 = percentiles.P90 };

    /// <summary>The group key as <see cref="StatisticsKeys"/> spells it (days and hours come back as numbers).</summary>
    private static string Key(SqliteDataReader reader, StatisticsGrouping by) => by switch
    {
        StatisticsGrouping.Day => StatisticsKeys.Day(ReportTimeZone.DayFromEpochDays(reader.GetInt64(0))),
        StatisticsGrouping.Hour => StatisticsKeys.Hour(reader.GetInt32(0)),
        _ => reader.GetString(0),
    };

    private static StatisticsTotals ReadTotals(SqliteDataReader r)
    {
        int i = 1;
        return new StatisticsTotals
        {
            Received = Long(r, i++),
            Rejected = Long(r, i++),
            InProgress = Long(r, i++),
            Offered = Long(r, i++),
            AnsweredByAgent = Long(r, i++),
            AnsweredByAgentWithinTarget = Long(r, i++),
            AutoAnswered = Long(r, i++),
            PickedUpFromQueue = Long(r, i++),
            AbandonedWhileRinging = Long(r, i++),
            ShortAbandons = Long(r, i++),
            AbandonedInQueue = Long(r, i++),
            Interrupted = Long(r, i++),
            RingsUpTo1 = Long(r, i++),
            Rings1To2 = Long(r, i++),
            Rings2To3 = Long(r, i++),
            Rings3To4 = Long(r, i++),
            RingsOver4 = Long(r, i++),
            TimeToAnswerMs = Values(r, ref i),
            TimeToAnswerTenths = Values(r, ref i),
            QueueWaitMs = Values(r, ref i),
            Holds = Long(r, i++),
            CallsHeld = Long(r, i++),
            CallsWithLongHold = Long(r, i++),
            HoldMs = Long(r, i++),
            LongestHoldMs = Long(r, i++),
            CallbacksOffered = Long(r, i++),
            CallbacksAccepted = Long(r, i++),
            CallbacksDeclined = Long(r, i++),
        };
    }

    private static ValueTotals Values(SqliteDataReader r, ref int i)
    {
        long count = Long(r, i++);
        long sum = Long(r, i++);
        long? max = r.IsDBNull(i++) ? null : r.GetInt64(i - 1);
        return new ValueTotals(count, sum, max, null, null);
    }

    /// <summary>SUM over no non-null values is NULL in SQL: none is 0.</summary>
    private static long Long(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? 0 : r.GetInt64(ordinal);
}
