namespace CallService.Sip.Messages;

/// <summary>
/// Shares the strings every message repeats (parameter names, transports, common tokens) so parsing
/// them allocates nothing. Lookup is by length and first character, then an ordinal compare.
/// </summary>
internal static class SipStrings
{
    private const int MaxLength = 15;

    private static readonly string[] Common =
    [
        "tag", "branch", "received", "rport", "lr", "transport", "user", "maddr", "ttl", "method",
        "expires", "q", "udp", "tcp", "tls", "sctp", "ws", "wss", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS",
        "phone", "ob", "SIP", "2.0", "sip", "sips", "+sip.instance", "reg-id", "gr", "comp", "sigcomp",
        "ftag", "did", "nat", "alias", "keep", "handling", "required", "optional", "session", "render",
        "application/sdp", "duration", "purpose", "reason", "cause", "text", "refresher", "uac", "uas",
    ];

    private static readonly string[][] Buckets = Build();

    private static string[][] Build()
    {
        var buckets = new List<string>[(MaxLength + 1) * 128];
        foreach (var s in Common) (buckets[Index(s.Length, s[0])] ??= []).Add(s);
        return buckets.Select(b => b?.ToArray() ?? []).ToArray();
    }

    private static int Index(int length, char first) => (length * 128) + (first & 0x7F);

    /// <summary>A string equal to <paramref name="text"/>: a shared instance when it is a common token.</summary>
    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return "";
        if (text.Length <= MaxLength && text[0] < 128)
        {
            foreach (var candidate in Buckets[Index(text.Length, text[0])])
            {
                if (text.SequenceEqual(candidate)) return candidate;
            }
        }

        return new string(text);
    }
}
