using System.Runtime.CompilerServices;
using System.Text;

namespace CallService.Sip.Messages;

/// <summary>
/// Header parameters: *( SEMI generic-param ) with generic-param = token [ EQUAL gen-value ] and
/// gen-value = token / host / quoted-string (RFC 3261 25.1; SEMI and EQUAL allow SWS around them).
/// A quoted value is kept with its quotes so it is written back unchanged.
/// </summary>
internal static class SipParameters
{
    public static readonly KeyValuePair<string, string?>[] Empty = [];

    [InlineArray(8)]
    private struct Buffer8
    {
        private KeyValuePair<string, string?> _element;
    }

    /// <summary>
    /// Parses parameters from <paramref name="i"/> up to the first character that is neither SWS nor a
    /// parameter (a comma or the end). False when a parameter is malformed (e.g. ";;" or "x=").
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> s, ref int i, out KeyValuePair<string, string?>[] parameters) =>
        TryParse(s, ref i, build: true, out parameters);

    /// <summary>As above; with <paramref name="build"/> false only the grammar is checked (nothing is allocated).</summary>
    public static bool TryParse(ReadOnlySpan<char> s, ref int i, bool build, out KeyValuePair<string, string?>[] parameters)
    {
        parameters = Empty;
        var buffer = default(Buffer8);
        List<KeyValuePair<string, string?>>? overflow = null;
        var count = 0;
        while (true)
        {
            var j = SipGrammar.SkipWhitespace(s, i);
            if (j >= s.Length || s[j] != ';')
            {
                i = j;
                break;
            }

            j = SipGrammar.SkipWhitespace(s, j + 1);
            var nameStart = j;
            var nameEnd = SipGrammar.ScanToken(s, j);
            if (nameEnd == j) return false;
            var name = build ? SipStrings.Get(s[j..nameEnd]) : "";
            string? value = null;
            j = SipGrammar.SkipWhitespace(s, nameEnd);
            if (j < s.Length && s[j] == '=')
            {
                j = SipGrammar.SkipWhitespace(s, j + 1);
                if (j >= s.Length) return false;
                int valueEnd;
                if (s[j] == '"')
                {
                    valueEnd = SipGrammar.ScanQuotedString(s, j);
                    if (valueEnd < 0) return false;
                }
                else
                {
                    valueEnd = j;
                    while (valueEnd < s.Length && (SipCharacters.IsToken(s[valueEnd]) || s[valueEnd] is ':' or '[' or ']')) valueEnd++;
                    if (valueEnd == j) return false;
                }

                // RFC 3581: an rport value is a port (checked here so the validation pass needs no objects).
                if (s[nameStart..nameEnd].Equals("rport", StringComparison.OrdinalIgnoreCase) && !SipGrammar.TryParsePort(s[j..valueEnd], out _))
                {
                    return false;
                }

                value = build ? SipStrings.Get(s[j..valueEnd]) : "";
                i = valueEnd;
            }
            else
            {
                i = nameEnd;
            }

            if (!build) continue;
            var pair = new KeyValuePair<string, string?>(name, value);
            if (count < 8)
            {
                buffer[count] = pair;
            }
            else
            {
                overflow ??= [];
                overflow.Add(pair);
            }

            count++;
        }

        if (count == 0 || !build) return true;
        var result = new KeyValuePair<string, string?>[count];
        for (var k = 0; k < Math.Min(count, 8); k++) result[k] = buffer[k];
        for (var k = 8; k < count; k++) result[k] = overflow![k - 8];
        parameters = result;
        return true;
    }

    public static int IndexOf(IReadOnlyList<KeyValuePair<string, string?>> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (string.Equals(parameters[i].Key, name, StringComparison.OrdinalIgnoreCase)) return i;
        }

        return -1;
    }

    public static string? Get(IReadOnlyList<KeyValuePair<string, string?>> parameters, string name)
    {
        var i = IndexOf(parameters, name);
        return i < 0 ? null : parameters[i].Value;
    }

    /// <summary>A copy with <paramref name="name"/> set (replaced in place, or appended).</summary>
    public static KeyValuePair<string, string?>[] With(IReadOnlyList<KeyValuePair<string, string?>> parameters, string name, string? value)
    {
        var i = IndexOf(parameters, name);
        var result = new KeyValuePair<string, string?>[i < 0 ? parameters.Count + 1 : parameters.Count];
        for (var k = 0; k < parameters.Count; k++) result[k] = parameters[k];
        result[i < 0 ? parameters.Count : i] = new KeyValuePair<string, string?>(name, value);
        return result;
    }

    public static KeyValuePair<string, string?>[] Without(IReadOnlyList<KeyValuePair<string, string?>> parameters, string name)
    {
        var result = new List<KeyValuePair<string, string?>>(parameters.Count);
        foreach (var p in parameters)
        {
            if (!string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)) result.Add(p);
        }

        return [.. result];
    }

    /// <summary>Checks a parameter supplied through the API (not parsed): a token name, a token/host/quoted value.</summary>
    public static void Validate(string name, string? value)
    {
        if (name.Length == 0 || SipGrammar.ScanToken(name, 0) != name.Length)
        {
            throw new ArgumentException($"'{name}' is not a valid parameter name (RFC 3261 token).", nameof(name));
        }

        if (value is null) return;
        var ok = value.Length > 0 && (value[0] == '"'
            ? SipGrammar.ScanQuotedString(value, 0) == value.Length
            : value.AsSpan().IndexOfAnyExcept(ValueChars) < 0);
        if (!ok) throw new ArgumentException($"'{value}' is not a valid parameter value (token, host or quoted-string).", nameof(value));
    }

    private static readonly System.Buffers.SearchValues<char> ValueChars = System.Buffers.SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~:[]");

    public static void Append(StringBuilder sb, IReadOnlyList<KeyValuePair<string, string?>> parameters)
    {
        foreach (var p in parameters)
        {
            sb.Append(';').Append(p.Key);
            if (p.Value is not null) sb.Append('=').Append(p.Value);
        }
    }
}
