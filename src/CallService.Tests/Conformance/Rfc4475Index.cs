using System.Text.RegularExpressions;

namespace CallService.Tests.Conformance;

/// <summary>One line of TestData/rfc4475/INDEX.txt: the file, its RFC 4475 section and the verdict.</summary>
public sealed record Rfc4475Entry(string File, string Section, string Verdict, int Bytes, string Sha256Prefix, string Title);

/// <summary>Reads the verdicts from INDEX.txt, so the tests take them from the data, not from the code.</summary>
public static partial class Rfc4475Index
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "rfc4475");

    public static IReadOnlyDictionary<string, Rfc4475Entry> Entries { get; } = Load();

    public static byte[] ReadBytes(string file) => File.ReadAllBytes(Path.Combine(Directory, file));

    private static Dictionary<string, Rfc4475Entry> Load()
    {
        var entries = new Dictionary<string, Rfc4475Entry>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Directory, "INDEX.txt")))
        {
            var m = EntryLine().Match(line);
            if (!m.Success) continue;
            entries.Add(m.Groups[1].Value, new Rfc4475Entry(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value,
                int.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[5].Value, m.Groups[6].Value.Trim()));
        }

        return entries;
    }

    [GeneratedRegex(@"^(\S+\.dat)\s+(\S+)\s+(valid-parse|valid|invalid|unreferenced)\s+(\d+)\s+([0-9a-f]{16})\s+(.*)$")]
    private static partial Regex EntryLine();
}
