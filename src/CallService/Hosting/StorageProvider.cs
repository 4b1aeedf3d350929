namespace CallService.Hosting;

/// <summary>Where call records live (DESIGN.md "Scale").</summary>
public enum StorageProvider
{
    /// <summary>"sqlite": an embedded database file; one node serving one sales centre (the default).</summary>
    Sqlite,

    /// <summary>"postgres": a shared PostgreSQL database for several nodes behind Kamailio.</summary>
    Postgres,
}

/// <summary>The configuration names of <see cref="StorageProvider"/>.</summary>
public static class StorageProviders
{
    /// <summary>The values Storage:Provider accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sqlite", "postgres"];

    /// <summary>Parses "sqlite" or "postgres" (case and surrounding blanks ignored).</summary>
    public static bool TryParse(string? name, out StorageProvider provider)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "sqlite":
                provider = StorageProvider.Sqlite;
                return true;
            case "postgres":
                provider = StorageProvider.Postgres;
                return true;
            default:
                provider = default;
                return false;
        }
    }

    /// <summary>The configuration name: "sqlite" or "postgres".</summary>
    public static string ToName(this StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => "sqlite",
        StorageProvider.Postgres => "postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
