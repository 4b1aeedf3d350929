using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CallService.Hosting;

/// <summary>
/// Checks the "Storage" section at start. Messages never repeat the connection string, which may
/// hold a password.
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string Key = StorageOptions.SectionName;
    private const string PostgresExample = "\"Host=db.example;Database=callservice;Username=callservice;Password=...\"";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>All failures, one line each; empty when the section is valid.</summary>
    public static List<string> Check(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.BindingFailures);
        string choices = string.Join(", ", StorageProviders.Names.Select(n => $"\"{n}\""));
        if (string.IsNullOrWhiteSpace(options.Provider))
        {
            failures.Add($"{Key}:Provider is missing: must be one of {choices}");
            return failures;
        }
        if (!StorageProviders.TryParse(options.Provider, out StorageProvider provider))
        {
            failures.Add($"{Key}:Provider = \"{options.Provider}\": must be one of {choices}");
            return failures;
        }
        if (Records.PostgresCallRecordStore.NodeIdProblem(options.NodeId) is { } problem)
        {
            failures.Add($"{Key}:NodeId = \"{options.NodeId}\": {problem}: name this node uniquely, e.g. \"pbx-02:5060\", or leave it out for the machine name and SIP port");
        }
        if (provider == StorageProvider.Sqlite)
        {
            CheckSqlite(options.ConnectionString, failures);
        }
        else
        {
            CheckPostgres(options.ConnectionString, failures);
        }
        return failures;
    }

    private static void CheckSqlite(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            // Bound configuration never gets here (empty means the default); options made in code may.
            failures.Add($"{Key}:ConnectionString is missing: a SQLite connection string, e.g. \"{StorageOptions.DefaultSqliteConnectionString}\"");
            return;
        }
        SqliteConnectionStringBuilder? builder = StorageOptions.TryParseSqlite(connectionString, out string? error);
        if (builder is null)
        {
            failures.Add($"{Key}:ConnectionString is not a SQLite connection string ({error}): write e.g. \"{StorageOptions.DefaultSqliteConnectionString}\"");
            return;
        }
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            failures.Add($"{Key}:ConnectionString names no Data Source: give the database file, e.g. \"{StorageOptions.DefaultSqliteConnectionString}\"");
            return;
        }
        if (StorageOptions.IsFile(builder))
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (folder is not null && !Directory.Exists(folder))
            {
                failures.Add($"{Key}:ConnectionString: the folder of the SQLite file {builder.DataSource} does not exist: create it or choose another Data Source");
            }
        }
    }

    private static void CheckPostgres(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add($"{Key}:ConnectionString is missing: required with {Key}:Provider = \"postgres\", e.g. {PostgresExample}");
            return;
        }
        var builder = StorageOptions.TryParseGeneric(connectionString);
        if (builder is null)
        {
            failures.Add($"{Key}:ConnectionString is not a connection string (key=value pairs separated by ';'): with {Key}:Provider = \"postgres\" write e.g. {PostgresExample}");
            return;
        }
        if (!HasValue(builder, "Host") && !HasValue(builder, "Server"))
        {
            failures.Add($"{Key}:ConnectionString names no Host: with {Key}:Provider = \"postgres\" give a PostgreSQL connection string, e.g. {PostgresExample}");
        }
    }

    private static bool HasValue(System.Data.Common.DbConnectionStringBuilder builder, string key) =>
        builder.TryGetValue(key, out object? value) && !string.IsNullOrWhiteSpace(value?.ToString());
}
