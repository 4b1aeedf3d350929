namespace CallService.Sip.Messages;

/// <summary>
/// Splits a list header value at top-level commas (RFC 3261 7.3.1): commas inside quoted strings
/// and inside angle brackets do not separate values.
/// </summary>
internal static class SipListSplitter
{
    public static IEnumerable<string> Split(string value)
    {
        var start = 0;
        var inQuotes = false;
        var angle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\') i++;
                else if (c == '"') inQuotes = false;
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == '<')
            {
                angle = true;
            }
            else if (c == '>')
            {
                angle = false;
            }
            else if (c == ',' && !angle)
            {
                var item = value.AsSpan(start, i - start).Trim(" \t\r\n");
                if (!item.IsEmpty) yield return item.ToString();
                start = i + 1;
            }
        }

        var last = value.AsSpan(start).Trim(" \t\r\n");
        if (!last.IsEmpty) yield return last.ToString();
    }

    /// <summary>The length of the first list element of <paramref name="value"/> (up to its top-level comma).</summary>
    public static int FirstElementLength(ReadOnlySpan<char> value)
    {
        var inQuotes = false;
        var angle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\') i++;
                else if (c == '"') inQuotes = false;
            }
            else if (c == '"') inQuotes = true;
            else if (c == '<') angle = true;
            else if (c == '>') angle = false;
            else if (c == ',' && !angle) return i;
        }

        return value.Length;
    }
}
