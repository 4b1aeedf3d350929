using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CallService.Tests.Records;

/// <summary>
/// The PostgreSQL server the Postgres tests use. scripts/test.sh starts a throwaway cluster and names
/// it in CALLSERVICE_TEST_POSTGRES (an Npgsql connection string of a superuser); without that
/// variable (a developer running `dotnet test` alone) the tests start their own throwaway cluster the
/// same way: initdb into a temp folder (as the postgres user when run as root, since the server
/// refuses to run as root), trust authentication for 127.0.0.1 and the private socket folder only,
/// a free port, and `pg_ctl start -w`; stopped and removed by <see cref="DisposeAsync"/>.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>The variable scripts/test.sh sets to its cluster's connection string.</summary>
    public const string ConnectionVariable = "CALLSERVICE_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _bin;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string adminConnectionString, string? folder, string? bin, bool asPostgresUser)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _bin = bin;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>A superuser's connection string to the maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when this process started the cluster (and stops it).</summary>
    public bool Owned => _folder is not null;

    /// <summary>The cluster named by <see cref="ConnectionVariable"/>, or a new throwaway one.</summary>
    public static async Task<PostgresCluster> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new PostgresCluster(given, null, null, false);
        }
        var bin = FindBinDirectory();
        var asPostgresUser = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("callservice-pg-").FullName;
        try
        {
            if (asPostgresUser)
            {
                await RunAsync("chown", ["postgres:", folder]);
            }
            var data = Path.Combine(folder, "data");
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgresUser);
            // Trust is for the loopback address and the socket in our private folder only.
            await File.WriteAllTextAsync(Path.Combine(data, "pg_hba.conf"),
                "local all all trust\nhost all all 127.0.0.1/32 trust\n");
            if (asPostgresUser)
            {
                await RunAsync("chown", ["postgres:", Path.Combine(data, "pg_hba.conf")]);
            }
            for (var attempt = 1; ; attempt++)
            {
                var port = FreeTcpPort();
                try
                {
                    await RunAsync(Path.Combine(bin, "pg_ctl"),
                    [
                        "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                        "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200",
                        "start",
                    ], asPostgresUser);
                    var connection = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
                    return new PostgresCluster(connection, folder, bin, asPostgresUser);
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    // The port was taken between the probe and the start: try another.
                }
            }
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>A new empty database with a random name, dropped by disposing the result.</summary>
    public async Task<TempPostgresDatabase> CreateDatabaseAsync()
    {
        var name = "cs_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAdminAsync($"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
        return new TempPostgresDatabase(this, name, connection);
    }

    /// <summary>Runs one statement as the superuser on the maintenance database.</summary>
    public async Task ExecuteAdminAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }
        try
        {
            await RunAsync(Path.Combine(_bin!, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "-t", "30", "stop"], _asPostgresUser);
        }
        finally
        {
            TryDelete(_folder);
        }
    }

    /// <summary>The newest installed server's programs (Debian keeps them in /usr/lib/postgresql/N/bin).</summary>
    private static string FindBinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && int.TryParse(Path.GetFileName(d), out _))
                .OrderByDescending(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture))
                .ToList()
            : [];
        if (versions.Count > 0)
        {
            return Path.Combine(versions[0], "bin");
        }
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .FirstOrDefault(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        return onPath ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed (no initdb): run ./scripts/test.sh, which installs the Debian package postgresql, or set {ConnectionVariable} to a server's connection string.");
    }

    private static int FreeTcpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Runs a program to its end (as the postgres user when asked); a non-zero exit throws with its output.</summary>
    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgresUser = false)
    {
        var info = new ProcessStartInfo(asPostgresUser ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgresUser)
        {
            foreach (var a in (string[])["-u", "postgres", "--", program])
            {
                info.ArgumentList.Add(a);
            }
        }
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not finish within 120 s.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is no test failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
