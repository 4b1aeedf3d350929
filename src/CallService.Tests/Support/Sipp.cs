namespace CallService.Tests.Support;

/// <summary>Runs sipp with a scenario from samples/sipp against a target, on free ports.</summary>
public static class Sipp
{
    public static string Scenario(string name) => Path.Combine(Peers.RepoRoot, "samples", "sipp", name);

    /// <summary>Starts sipp; -trace_msg writes every message with its time to <paramref name="messageLog"/>.</summary>
    public static ExternalProcess Start(string scenario, int targetPort, IEnumerable<string> extra, string? messageLog = null)
    {
        var args = new List<string>
        {
            "-sf", Scenario(scenario), $"127.0.0.1:{targetPort}", "-i", "127.0.0.1", "-p", FreePort.ForSip().ToString(),
            "-nostdin", "-timeout", "120s", "-timeout_error",
        };
        if (messageLog is not null)
        {
            args.AddRange(["-trace_msg", "-message_file", messageLog]);
        }
        args.AddRange(extra);
        return ExternalProcess.Start("sipp", args);
    }

    /// <summary>The times at which sipp received responses with <paramref name="code"/>, from its message log.</summary>
    public static IReadOnlyList<DateTime> ReceivedAt(string messageLog, int code, string cseqMethod)
    {
        var result = new List<DateTime>();
        var lines = File.ReadAllLines(messageLog);
        for (int i = 0; i < lines.Length - 3; i++)
        {
            // "----------------------------------------------- 2026-11-27\t03:45:57.005167" then
            // "UDP message received [n] bytes :", a blank line, then the start line.
            if (!lines[i].StartsWith("-----", StringComparison.Ordinal) || !lines[i + 1].Contains("received", StringComparison.Ordinal))
            {
                continue;
            }
            string stamp = lines[i].Trim('-', ' ').Replace('\t', ' ');
            var message = lines.Skip(i + 2).SkipWhile(l => l.Length == 0).TakeWhile(l => l.Length > 0).ToList();
            bool methodMatches = message.Any(l => l.StartsWith("CSeq:", StringComparison.OrdinalIgnoreCase)
                && l.TrimEnd().EndsWith(" " + cseqMethod, StringComparison.OrdinalIgnoreCase));
            if (message.Count > 0 && message[0].StartsWith($"SIP/2.0 {code} ", StringComparison.Ordinal) && methodMatches
                && DateTime.TryParse(stamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeLocal, out var at))
            {
                result.Add(at.ToUniversalTime());
            }
        }
        return result;
    }
}
