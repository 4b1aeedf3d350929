using CallService.Hosting;

namespace CallService.Tests.Hosting;

/// <summary>The "Storage" section: provider, connection string, relative SQLite files, no secrets in messages.</summary>
public sealed class StorageOptionsTests
{
    [Fact]
    public void The_default_is_a_sqlite_file_in_the_base_directory()
    {
        using var root = new HostTempDirectory();

        StorageOptions storage = HostOptionsHarness.Options<StorageOptions>(root);

        Assert.Equal(StorageProvider.Sqlite, storage.ProviderKind);
        Assert.Equal(root.Combine("callservice.db"), storage.SqliteFile);
        Assert.Equal($"Data Source={root.Combine("callservice.db")}", storage.ConnectionString);
        Assert.Equal($"sqlite {root.Combine("callservice.db")}", storage.Describe());
    }

    [Fact]
    public void An_empty_sqlite_connection_string_means_the_default()
    {
        using var root = new HostTempDirectory();

        StorageOptions storage = HostOptionsHarness.Options<StorageOptions>(root, ("Storage:ConnectionString", ""));

        Assert.Equal(root.Combine("callservice.db"), storage.SqliteFile);
    }

    [Fact]
    public void A_relative_data_source_keeps_its_other_keywords_and_an_absolute_one_is_kept()
    {
        using var root = new HostTempDirectory();
        Directory.CreateDirectory(root.Combine("data"));

        StorageOptions relative = HostOptionsHarness.Options<StorageOptions>(root, ("Storage:ConnectionString", "Data Source=data/calls.db;Cache=Shared"));
        StorageOptions absolute = HostOptionsHarness.Options<StorageOptions>(root, ("Storage:ConnectionString", $"Data Source={root.Combine("x.db")}"));
        StorageOptions memory = HostOptionsHarness.Options<StorageOptions>(root, ("Storage:ConnectionString", "Data Source=:memory:"));

        Assert.Equal(root.Combine("data", "calls.db"), relative.SqliteFile);
        Assert.Contains("Cache=Shared", relative.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(root.Combine("x.db"), absolute.SqliteFile);
        Assert.Equal("Data Source=:memory:", memory.ConnectionString);
        Assert.Null(memory.SqliteFile);
        Assert.Empty(HostOptionsHarness.Failures(root, ("Storage:ConnectionString", "Data Source=data/calls.db;Cache=Shared")));
    }

    [Fact]
    public void An_unknown_provider_is_one_line_with_the_choices()
    {
        using var root = new HostTempDirectory();

        Assert.Equal(
            ["Storage:Provider = \"mysql\": must be one of \"sqlite\", \"postgres\""],
            HostOptionsHarness.Failures(root, ("Storage:Provider", "mysql")));
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_one_line_naming_the_key()
    {
        using var root = new HostTempDirectory();

        Assert.Equal(
            ["Storage:ConnectionString is missing: required with Storage:Provider = \"postgres\", e.g. \"Host=db.example;Database=callservice;Username=callservice;Password=...\""],
            HostOptionsHarness.Failures(root, ("Storage:Provider", "postgres"), ("Storage:ConnectionString", "")));
    }

    [Fact]
    public void Postgres_with_the_sqlite_default_is_refused_for_naming_no_host()
    {
        using var root = new HostTempDirectory();

        string failure = Assert.Single(HostOptionsHarness.Failures(root, ("Storage:Provider", "postgres")));

        Assert.StartsWith("Storage:ConnectionString names no Host: with Storage:Provider = \"postgres\"", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_with_a_host_is_accepted_and_described_without_the_password()
    {
        using var root = new HostTempDirectory();
        const string connection = "Host=db.example;Port=5433;Database=callservice;Username=cs;Password=s3cret";

        Assert.Empty(HostOptionsHarness.Failures(root, ("Storage:Provider", "Postgres"), ("Storage:ConnectionString", connection)));
        StorageOptions storage = HostOptionsHarness.Options<StorageOptions>(root, ("Storage:Provider", "postgres"), ("Storage:ConnectionString", connection));

        Assert.Equal(connection, storage.ConnectionString);
        Assert.Null(storage.SqliteFile);
        Assert.Equal("postgres Host=db.example;Port=5433;Database=callservice", storage.Describe());
    }

    [Fact]
    public void Messages_never_repeat_the_connection_string()
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = HostOptionsHarness.Failures(root,
            ("Storage:Provider", "sqlite"), ("Storage:ConnectionString", "Data Source=x.db;Password=s3cret;Colour=blue"));

        string failure = Assert.Single(failures);
        Assert.StartsWith("Storage:ConnectionString is not a SQLite connection string", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sqlite_file_in_a_missing_folder_is_refused()
    {
        using var root = new HostTempDirectory();

        string failure = Assert.Single(HostOptionsHarness.Failures(root, ("Storage:ConnectionString", "Data Source=nowhere/calls.db")));

        Assert.Equal($"Storage:ConnectionString: the folder of the SQLite file {root.Combine("nowhere", "calls.db")} does not exist: create it or choose another Data Source", failure);
    }
}
