namespace CallService.Sip.Messages;

/// <summary>
/// Shares the strings every message repeats (parameter names, transports, common tokens) so parsing
/// them allocates nothing.
/// </summary>
internal static class SipStrings
{
    private static readonly string[] Common =
    [
        "tag", "branch", "received", "rport", "lr", "transport", "user", "maddr", "ttl", "method",
        "expires", "q", "udp", "tcp", "tls", "sctp", "ws", "wss", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS",
        "phone", "ob", "SIP", "2.0", "sip", "sips", "+sip.instance", "reg-id", "gr", "comp", "sigcomp",
        "ftag", "did", "nat", "alias", "keep", "handling", "required", "optional", "session", "render",
        "application/sdp", "duration", "purpose", "reason", "cause", "text",
    ];

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup = BuildLookup();

    private static Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BuildLookup()
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in Common) d[s] = s;
        return d.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>A string equal to <paramref name="text"/>: a shared instance when it is a common token.</summary>
    public static string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return "";
        if (text.Length <= 15 && Lookup.TryGetValue(text, out var shared)) return shared;
        return new string(text);
    }
}
