using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CallService.Hosting;

/// <summary>
/// Where call records are stored; the "Storage" section. For SQLite a relative Data Source is made
/// absolute against the app base directory when the section is read (see <see cref="HostPaths"/>),
/// so <see cref="ConnectionString"/> is ready to open.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section: "Storage".</summary>
    public const string SectionName = "Storage";

    /// <summary>The SQLite connection string used when none is configured.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=callservice.db";

    /// <summary>"sqlite" (default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// The ADO.NET connection string. SQLite: default "Data Source=callservice.db" (also used when
    /// empty). PostgreSQL: required, e.g. "Host=db;Database=callservice;Username=callservice;Password=...".
    /// May hold a password: never log it, use <see cref="Describe"/>.
    /// </summary>
    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;

    /// <summary>
    /// This node's name in a shared PostgreSQL database: written on every record it inserts, and at
    /// start only its own open records are closed as interrupted. Unique per running node. Default
    /// (when not configured): the machine name and the SIP port, e.g. "pbx-02:5060". Unused by SQLite.
    /// </summary>
    public string NodeId { get; set; } = Records.PostgresCallRecordStore.DefaultNodeId(new SipOptions().Port);

    /// <summary>Values that could not be read from configuration, one line each.</summary>
    internal List<string> BindingFailures { get; } = [];

    /// <summary><see cref="Provider"/> parsed.</summary>
    /// <exception cref="FormatException">unknown provider (the validator refuses it at start).</exception>
    public StorageProvider ProviderKind =>
        StorageProviders.TryParse(Provider, out StorageProvider kind)
            ? kind
            : throw new FormatException($"Unknown storage provider \"{Provider}\".");

    /// <summary>The SQLite database file, or null for PostgreSQL, an in-memory or URI database, or an unreadable string.</summary>
    public string? SqliteFile
    {
        get
        {
            if (!StorageProviders.TryParse(Provider, out StorageProvider kind) || kind != StorageProvider.Sqlite)
            {
                return null;
            }
            SqliteConnectionStringBuilder? builder = TryParseSqlite(ConnectionString, out _);
            return builder is null || !IsFile(builder) ? null : builder.DataSource;
        }
    }

    /// <summary>
    /// The store for logs and the startup line, without secrets: "sqlite /srv/callservice.db" or
    /// "postgres Host=db;Port=5432;Database=callservice".
    /// </summary>
    public string Describe()
    {
        if (!StorageProviders.TryParse(Provider, out StorageProvider kind))
        {
            return $"\"{Provider}\" (unknown provider)";
        }
        if (kind == StorageProvider.Sqlite)
        {
            SqliteConnectionStringBuilder? sqlite = TryParseSqlite(ConnectionString, out _);
            return sqlite is null ? "sqlite (unreadable connection string)" : $"sqlite {sqlite.DataSource}";
        }
        DbConnectionStringBuilder? generic = TryParseGeneric(ConnectionString);
        if (generic is null)
        {
            return "postgres (unreadable connection string)";
        }
        var shown = new List<string>();
        foreach (string key in (string[])["Host", "Server", "Port", "Database"])
        {
            if (generic.TryGetValue(key, out object? value) && !string.IsNullOrWhiteSpace(value?.ToString()))
            {
                shown.Add($"{key}={value}");
            }
        }
        return "postgres " + string.Join(';', shown);
    }

    /// <summary>
    /// A SQLite connection string with a relative Data Source made absolute against
    /// <paramref name="baseDirectory"/>; empty gives the default. In-memory databases, "file:" URIs and
    /// strings that do not parse are returned unchanged (the validator reports the latter).
    /// </summary>
    public static string ResolveSqliteConnectionString(string? connectionString, string baseDirectory)
    {
        string value = string.IsNullOrWhiteSpace(connectionString) ? DefaultSqliteConnectionString : connectionString;
        SqliteConnectionStringBuilder? builder = TryParseSqlite(value, out _);
        if (builder is null || !IsFile(builder) || Path.IsPathFullyQualified(builder.DataSource))
        {
            return value;
        }
        builder.DataSource = HostPaths.Resolve(builder.DataSource, baseDirectory);
        return builder.ConnectionString;
    }

    internal static SqliteConnectionStringBuilder? TryParseSqlite(string? connectionString, out string? error)
    {
        try
        {
            error = null;
            return new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            error = e.Message;
            return null;
        }
    }

    internal static DbConnectionStringBuilder? TryParseGeneric(string? connectionString)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A database in a file of its own: not ":memory:", not Mode=Memory, not a "file:" URI, and named.</summary>
    internal static bool IsFile(SqliteConnectionStringBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder.DataSource)
        && builder.Mode != SqliteOpenMode.Memory
        && !builder.DataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
        && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
}
