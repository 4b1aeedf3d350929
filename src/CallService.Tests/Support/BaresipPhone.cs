using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CallService.Tests.Support;

/// <summary>
/// A real softphone: baresip 1.0 headless (../shared/PEERS.md), one config directory per instance,
/// sending a long WAV as its microphone, playing to ALSA's null device, driven over its cons port.
/// </summary>
public sealed class BaresipPhone : IAsyncDisposable
{
    private readonly string _dir;
    private readonly ExternalProcess _process;

    private BaresipPhone(string dir, ExternalProcess process, int sipPort, int consPort)
    {
        _dir = dir;
        _process = process;
        SipPort = sipPort;
        ConsPort = consPort;
    }

    public int SipPort { get; }

    public int ConsPort { get; }

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    /// <param name="account">The account line, e.g. <c>&lt;sip:alice@127.0.0.1:5060&gt;;auth_pass=x;regint=60;answermode=manual</c>.</param>
    /// <param name="commands">Commands run at start (-e), e.g. "/dial sip:sales@127.0.0.1:5060".</param>
    /// <param name="codecs">Audio codec modules to load ("g711", "g722").</param>
    public static async Task<BaresipPhone> StartAsync(string account, IEnumerable<string>? commands = null, IEnumerable<string>? codecs = null,
        TimeSpan? quitAfter = null, bool sipTrace = false, int toneHz = 700, int micSampleRate = 8000)
    {
        string dir = Directory.CreateTempSubdirectory("baresip-").FullName;
        int sipPort = FreePort.ForSip();
        _ = FreePort.ForSip(); // baresip's TLS listener takes the SIP port + 1
        int consPort = FreePort.ForSip();
        int rtpBase = FreePort.ForRtp();
        string microphone = Path.Combine(dir, "mic.wav");
        // aufile wants the codec's own rate: 16 kHz for G.722, 8 kHz for G.711.
        TestAudio.WriteToneWav(microphone, seconds: 120, frequencyHz: toneHz, sampleRate: micSampleRate);
        var modules = new StringBuilder();
        foreach (var codec in codecs ?? ["g711"])
        {
            modules.AppendLine($"module {codec}.so");
        }
        File.WriteAllText(Path.Combine(dir, "config"), $"""
            sip_listen        127.0.0.1:{sipPort}
            net_interface     127.0.0.1
            audio_source      aufile,{microphone}
            audio_player      alsa,null
            audio_alert       alsa,null
            rtp_ports         {rtpBase}-{rtpBase + 19}
            module_path       /usr/lib/baresip/modules
            {modules}
            module aufile.so
            module alsa.so
            module cons.so
            module_tmp uuid.so
            module_tmp account.so
            module_app menu.so
            cons_listen       127.0.0.1:{consPort}

            """);
        File.WriteAllText(Path.Combine(dir, "accounts"), account + "\n");
        var args = new List<string> { "-f", dir };
        if (sipTrace)
        {
            args.Add("-s"); // every SIP message on stdout: tests read what the softphone received
        }
        foreach (var c in commands ?? [])
        {
            args.Add("-e");
            args.Add(c);
        }
        if (quitAfter is { } q)
        {
            args.Add("-t");
            args.Add(((int)q.TotalSeconds).ToString());
        }
        var process = ExternalProcess.Start("baresip", args, dir);
        var phone = new BaresipPhone(dir, process, sipPort, consPort);
        await process.WaitForOutputAsync("baresip is ready", TimeSpan.FromSeconds(15));
        return phone;
    }

    /// <summary>Sends a runtime command (e.g. "/accept", "/hangup", "/hold") to the cons module.</summary>
    public Task CommandAsync(string command) => SendCommandAsync(ConsPort, command);

    /// <summary>baresip 1.0's cons module takes long commands over TCP, one per line (datagrams sent
    /// to its UDP side were not acted on here). The connection is closed gracefully: wait up to a
    /// second for baresip's reply, send FIN, and read until baresip closes too, so that neither side
    /// closes with unread data (a close then sends RST, and a peer's unread data is thrown away).</summary>
    public static async Task SendCommandAsync(int consPort, string command)
    {
        using var tcp = new TcpClient(AddressFamily.InterNetwork);
        await tcp.ConnectAsync(IPAddress.Loopback, consPort);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"));
        await stream.FlushAsync();
        var buffer = new byte[1024];
        using (var reply = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            try
            {
                _ = await stream.ReadAsync(buffer, reply.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        tcp.Client.Shutdown(SocketShutdown.Send);
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            while (await stream.ReadAsync(buffer, drain.Token) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
        }
    }

    public Task WaitForOutputAsync(string text, TimeSpan timeout) => _process.WaitForOutputAsync(text, timeout);

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
