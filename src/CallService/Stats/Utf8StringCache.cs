using System.Text;

namespace CallService.Stats;

/// <summary>
/// Turns the UTF-8 text of a column into a string, allocating each distinct value once: a scan reads
/// the same few lines, desks, agents and outcomes on every row.
/// </summary>
internal sealed class Utf8StringCache
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Utf8StringCache() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        int length = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (length > 256)
        {
            return Encoding.UTF8.GetString(utf8);
        }
        Span<char> chars = stackalloc char[length];
        chars = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (!_lookup.TryGetValue(chars, out string? text))
        {
            text = new string(chars);
            _strings.Add(text, text);
        }
        return text;
    }
}
