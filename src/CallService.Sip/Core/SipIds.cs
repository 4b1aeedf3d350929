using System.Security.Cryptography;

namespace CallService.Sip.Core;

/// <summary>Fresh identifiers: branches (RFC 3261 8.1.1.7), tags (19.3) and Call-IDs (8.1.1.4).</summary>
public static class SipIds
{
    public static string NewBranch() => "z9hG4bK" + Random(10);

    /// <summary>RFC 3261 19.3: at least 32 bits of randomness.</summary>
    public static string NewTag() => Random(8);

    public static string NewCallId(string host) => Random(16) + "@" + host;

    private static string Random(int chars)
    {
        Span<byte> bytes = stackalloc byte[(chars + 1) / 2];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes)[..chars];
    }
}
