using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CallService.Web.Auth;

/// <summary>The /metrics scrape token (Web:MetricsToken) as Prometheus sends it: "Authorization: Bearer &lt;token&gt;".</summary>
public static class MetricsToken
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// True when the request carries the configured token. Compared in constant time over SHA-256 digests,
    /// so neither the content nor the length of the token leaks through the answer time. False when no
    /// token is configured.
    /// </summary>
    public static bool Matches(HttpRequest request, string? configured)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(configured))
        {
            return false;
        }
        string authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        byte[] given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[BearerPrefix.Length..].Trim()));
        byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
