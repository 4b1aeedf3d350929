using CallService.Sip.Media;
using CallService.Tests.Support;

namespace CallService.Tests.Product;

/// <summary>What the hold and callback product tests share: agent accounts, the agent's softphone, the
/// bundled prompts, and finding where a prompt begins in what a caller received.</summary>
public static class HoldPeers
{
    public const string Password = AgentAccountArgs.Password;

    /// <summary>Agents <paramref name="ids"/> on the sales line, with timestamps on the console log.</summary>
    public static string[] AgentArgs(params string[] ids) => [.. AgentAccountArgs.For(ids), TimedConsole];

    /// <summary>A baresip agent that answers by itself, its microphone a 700 Hz tone, SIP traced on stdout.</summary>
    public static Task<BaresipPhone> AgentPhoneAsync(string id, int servicePort) =>
        BaresipPhone.StartAsync($"<sip:{id}@127.0.0.1:{servicePort}>;auth_pass={Password};regint=60;answermode=auto;audio_codecs=PCMU",
            sipTrace: true, toneHz: 700);

    /// <summary>A -mp port for sipp: it binds the port, +1 (RTCP) and +2, +3 (video), so take two RTP pairs in a row.</summary>
    public static int SippMediaPort()
    {
        while (true)
        {
            int audio = FreePort.ForRtp();
            if (FreePort.ForRtp() == audio + 2)
            {
                return audio;
            }
        }
    }

    public static Prompt LoadPrompt(string file) =>
        Prompt.Load(Path.GetFileNameWithoutExtension(file), Path.Combine(Peers.RepoRoot, "samples", "prompts", file));

    /// <summary>
    /// Where <paramref name="prompt"/> (its first <paramref name="head"/>) begins in the PCMU packets that
    /// arrived in [from, to): the arrival time of the packet that carries its first sample, and the
    /// correlation there. Prompts start on a frame boundary, so the lag in samples / 160 is the packet.
    /// </summary>
    public static (DateTime Start, double Correlation) FindPromptStart(HoldCallerRtp caller, Prompt prompt, DateTime from, DateTime to, TimeSpan head)
    {
        var heard = caller.DecodedBetween(from, to, out var packets);
        var reference = prompt.PcmFor(AudioCodecKind.Pcmu).Span;
        reference = reference[..Math.Min(reference.Length, (int)(head.TotalSeconds * 8000))];
        var match = AudioMatch.BestCorrelation(reference, heard, minimumOverlap: reference.Length);
        int packet = (int)Math.Round(match.Lag / 160.0);
        Assert.InRange(packet, 0, packets.Count - 1);
        return (packets[packet].ArrivedUtc, match.Correlation);
    }

    /// <summary>The console log with millisecond timestamps, so a test can read when the service did something.</summary>
    public const string TimedConsole = "--Serilog:WriteTo:0:Args:outputTemplate=[{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <summary>When the product (started with <see cref="TimedConsole"/>) logged the first line containing
    /// <paramref name="text"/>, by its own clock, as UTC.</summary>
    public static async Task<DateTime> LoggedAtAsync(ProductProcess product, string text)
    {
        string? line = null;
        await Eventually.True(() => (line = product.Output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))) is not null,
            $"the product log says \"{text}\"; it said:\n{product.Output[^Math.Min(4000, product.Output.Length)..]}", 10_000);
        return DateTimeOffset.ParseExact(line![1..31], "yyyy-MM-dd HH:mm:ss.fff zzz", System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
    }

    /// <summary>True when the last second the caller received is the agent's 700 Hz microphone: a pure tone
    /// (its 700 Hz component carries nearly all the power) in each of five 200 ms pieces, which speech is not.</summary>
    public static bool HearsAgent(HoldCallerRtp caller)
    {
        var last = caller.Packets.TakeLast(50).ToList();
        if (last.Count < 50)
        {
            return false;
        }
        var pcm = AudioMatch.Decode(AudioCodecKind.Pcmu, last.Select(p => (ReadOnlyMemory<byte>)p.Payload));
        for (int piece = 0; piece < 5; piece++)
        {
            var window = pcm.AsSpan(piece * 1600, 1600);
            double rms = ToneAnalysis.Rms(window);
            if (rms < 300 || ToneAnalysis.GoertzelAmplitude(window, 8000, 700) < 0.9 * rms * Math.Sqrt(2))
            {
                return false;
            }
        }
        return true;
    }
}
