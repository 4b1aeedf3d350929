using System.Security.Cryptography;
using CallService.Sip.Auth;
using CallService.Tests.Support;

namespace CallService.Tests.Registrar;

/// <summary>
/// A real Kamailio 5.6 run with the shipped config/kamailio/kamailio.cfg on a free loopback port,
/// its db_text tables (version, subscriber) in a private folder with the accounts a test asks for.
/// </summary>
internal sealed class KamailioProxy : IAsyncDisposable
{
    public const string Realm = "callservice";

    private readonly string _dir;
    private readonly ExternalProcess _process;

    private KamailioProxy(string dir, ExternalProcess process, int port)
    {
        _dir = dir;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Output => _process.Output;

    public static string ConfigPath => Path.Combine(Peers.RepoRoot, "config", "kamailio", "kamailio.cfg");

    /// <summary>A random password for a test account.</summary>
    public static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <param name="accounts">User and password of each subscriber; only their MD5 HA1 is written.</param>
    public static async Task<KamailioProxy> StartAsync(params (string User, string Password)[] accounts)
    {
        string dir = Directory.CreateTempSubdirectory("kamailio-").FullName;
        File.WriteAllText(Path.Combine(dir, "version"), "table_name(string) table_version(int)\nsubscriber:7\nlocation:9\n");
        var subscriber = new List<string> { "id(int,auto) username(string) domain(string) password(string) ha1(string) ha1b(string)" };
        int id = 1;
        foreach ((string user, string password) in accounts)
        {
            string ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, user, Realm, password);
            string ha1b = DigestHash.ComputeHa1(DigestAlgorithm.Md5, $"{user}@{Realm}", Realm, password);
            subscriber.Add($"{id++}:{user}:{Realm}:-:{ha1}:{ha1b}");
        }

        File.WriteAllText(Path.Combine(dir, "subscriber"), string.Join('\n', subscriber) + "\n");
        int port = FreePort.ForSip();
        ExternalProcess process = ExternalProcess.Start("kamailio",
        [
            "-f", ConfigPath, "-DD", "-E", "-Y", dir, "-P", Path.Combine(dir, "kamailio.pid"),
            "-A", $"LISTEN=udp:127.0.0.1:{port}",
            "-A", $"DBURL=\"text://{dir}\"",
            "-A", $"REALM=\"{Realm}\"",
        ], dir);
        var proxy = new KamailioProxy(dir, process, port);
        try
        {
            // The attendant process logs this once every child is forked and listening.
            await process.WaitForOutputAsync("io_listen_loop", TimeSpan.FromSeconds(15));
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
