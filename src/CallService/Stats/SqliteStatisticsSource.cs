using CallService.Records;
using Microsoft.Data.Sqlite;

namespace CallService.Stats;

/// <summary>
/// Statistics over the SQLite call-record database, aggregated in SQL (<see cref="SqliteStatisticsSql"/>):
/// counts per group and class of call, and value histograms, leave the database. Reads on its own
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
    /// <remarks>One command for all the groupings: one pass for the counts, two for the measured values (<see cref="SqliteStatisticsSql"/>).</remarks>
    public async Task<IReadOnlyList<StatisticsReport>> ComputeAsync(
        StatisticsQuery query, IReadOnlyList<StatisticsGrouping> groupings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(groupings);
        query.Validate();
        StatisticsGrouping[] keyed = [.. groupings.Where(g => g != StatisticsGrouping.None).Distinct()];
        var folder = new StatisticsFolder(keyed);
        await using (SqliteConnection connection = await OpenAsync(_readConnectionString, cancellationToken).ConfigureAwait(false))
        {
            // A database the service has not run on yet has no table: no calls.
            if (await HasCallRecordsTableAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                await FoldAsync(connection, query, keyed, folder, cancellationToken).ConfigureAwait(false);
            }
        }
        StatisticsTotals overall = folder.Overall;
        return [.. groupings.Select(g => StatisticsReportBuilder.Build(
            query with { By = g },
            _options,
            overall,
            g == StatisticsGrouping.None ? new Dictionary<string, StatisticsTotals>() : folder.GroupsOf(g)))];
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

    /// <summary>Runs <see cref="SqliteStatisticsSql.Statements"/> and folds its three result sets.</summary>
    private async Task FoldAsync(
        SqliteConnection connection, StatisticsQuery query, StatisticsGrouping[] groupings, StatisticsFolder folder, CancellationToken cancellationToken)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = SqliteStatisticsSql.Statements(query, groupings, _options);
        SqliteStatisticsSql.Bind(command, query, _options);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        int n = groupings.Length;
        var keys = new string[n];
        var spelled = new Dictionary<long, string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ReadKeys(reader, 0, groupings, keys, spelled);
            folder.AddPartial(keys, ReadClass(reader, n).ToTotals());
        }
        await NextResultAsync(reader, "agent answers", cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ReadKeys(reader, 2, groupings, keys, spelled);
            long count = reader.GetInt64(n + 2);
            if (!reader.IsDBNull(0))
            {
                folder.AddValues(StatisticsMeasure.TimeToAnswerMs, reader.GetInt64(0), keys, count);
            }
            if (!reader.IsDBNull(1))
            {
                folder.AddValues(StatisticsMeasure.RingsTenths, reader.GetInt64(1), keys, count);
            }
        }
        await NextResultAsync(reader, "queue waits", cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ReadKeys(reader, 1, groupings, keys, spelled);
            folder.AddValues(StatisticsMeasure.QueueWaitMs, reader.GetInt64(0), keys, reader.GetInt64(n + 1));
        }
    }

    private static async Task NextResultAsync(SqliteDataReader reader, string what, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The statistics statement returned no {what}.");
        }
    }

    /// <summary>The group keys as <see cref="StatisticsKeys"/> spells them (days and hours come back as numbers, spelled once each).</summary>
    private static void ReadKeys(SqliteDataReader reader, int first, StatisticsGrouping[] groupings, string[] keys, Dictionary<long, string> spelled)
    {
        for (int g = 0; g < groupings.Length; g++)
        {
            int ordinal = first + g;
            StatisticsGrouping grouping = groupings[g];
            if (grouping is StatisticsGrouping.Day or StatisticsGrouping.Hour)
            {
                long number = reader.GetInt64(ordinal);
                // Days since 1970 and hours of day share the cache: hours are stored negative (-1 .. -24).
                long cacheKey = grouping == StatisticsGrouping.Day ? number : -1 - number;
                if (!spelled.TryGetValue(cacheKey, out string? key))
                {
                    key = grouping == StatisticsGrouping.Day
                        ? StatisticsKeys.Day(ReportTimeZone.DayFromEpochDays(number))
                        : StatisticsKeys.Hour((int)number);
                    spelled.Add(cacheKey, key);
                }
                keys[g] = key;
            }
            else
            {
                keys[g] = reader.GetString(ordinal);
            }
        }
    }

    /// <summary>A row of result set 1 from its outcome column on.</summary>
    private static CallClassTotals ReadClass(SqliteDataReader r, int first)
    {
        int i = first;
        CallOutcome? outcome = null;
        if (!r.IsDBNull(i))
        {
            string text = r.GetString(i);
            outcome = CallRecordNames.TryParseOutcome(text, out CallOutcome parsed)
                ? parsed
                : throw new InvalidDataException($"Unknown call outcome '{text}' in the call record database.");
        }
        i++;
        return new CallClassTotals
        {
            Outcome = outcome,
            Answerer = (Answerer)r.GetInt32(i++),
            Calls = Long(r, i++),
            WithAgentAnswer = Long(r, i++),
            WithinTarget = Long(r, i++),
            Short = Long(r, i++),
            Holds = Long(r, i++),
            CallsHeld = Long(r, i++),
            LongHolds = Long(r, i++),
            HoldMs = Long(r, i++),
            LongestHoldMs = Long(r, i++),
            CallbacksOffered = Long(r, i++),
            CallbacksAccepted = Long(r, i++),
            CallbacksDeclined = Long(r, i++),
        };
    }

    /// <summary>SUM over no non-null values is NULL in SQL: none is 0.</summary>
    private static long Long(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? 0 : r.GetInt64(ordinal);
}
