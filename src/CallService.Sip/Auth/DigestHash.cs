using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace CallService.Sip.Auth;

/// <summary>
/// The digest computations of RFC 7616 3.4.1-3.4.3 (RFC 3261 22.4, RFC 8760 2.1), as lower-case
/// hex strings. Only qop "auth" and the RFC 2069 form without qop are computed: "auth-int" needs
/// the message body and no UA we serve uses it, so it is refused with <see cref="NotSupportedException"/>
/// (the authenticator and client check qop first and never get there).
/// </summary>
public static class DigestHash
{
    // Inputs up to this many UTF-8 bytes are hashed from the stack.
    private const int StackLimit = 512;

    /// <summary>
    /// HA1 = H(username ":" realm ":" password) with the hash of <paramref name="algorithm"/>'s
    /// family (RFC 7616 3.4.2). For a "-sess" algorithm this is still the plain HA1: it is what
    /// the configuration stores (never the password), and the session HA1 is derived per nonce
    /// by <see cref="ComputeSessionHa1"/>.
    /// </summary>
    public static string ComputeHa1(DigestAlgorithm algorithm, string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(password);
        return Hash(algorithm, username, realm, password);
    }

    /// <summary>RFC 7616 3.4.2: the "-sess" HA1 = H(HA1 ":" nonce ":" cnonce), HA1 being the plain one.</summary>
    public static string ComputeSessionHa1(DigestAlgorithm algorithm, string ha1, string nonce, string cnonce)
    {
        ArgumentNullException.ThrowIfNull(ha1);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(cnonce);
        return Hash(algorithm, ha1, nonce, cnonce);
    }

    /// <summary>RFC 7616 3.4.3: HA2 = H(method ":" digest-uri) for qop "auth" or no qop.</summary>
    public static string ComputeHa2(DigestAlgorithm algorithm, string method, string digestUri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(digestUri);
        return Hash(algorithm, method, digestUri);
    }

    /// <summary>
    /// The request-digest (RFC 7616 3.4.1; RFC 2069 form when <paramref name="qop"/> is null).
    /// <paramref name="ha1"/> is the plain HA1 (as stored or from <see cref="ComputeHa1"/>); the
    /// session HA1 of a "-sess" algorithm is derived here.
    /// With qop "auth": H(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2).
    /// Without qop: H(HA1 ":" nonce ":" HA2).
    /// </summary>
    /// <exception cref="NotSupportedException">qop is "auth-int" or another value than "auth".</exception>
    /// <exception cref="ArgumentException">qop "auth" or a "-sess" algorithm without nc/cnonce.</exception>
    public static string ComputeResponse(
        DigestAlgorithm algorithm,
        string ha1,
        string nonce,
        string method,
        string digestUri,
        string? qop = null,
        string? nonceCount = null,
        string? cnonce = null)
    {
        ArgumentNullException.ThrowIfNull(ha1);
        ArgumentNullException.ThrowIfNull(nonce);
        if (qop is not null && !qop.Equals("auth", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"Digest qop '{qop}' is not supported; only 'auth' is.");
        }

        if ((qop is not null || algorithm.IsSession()) && string.IsNullOrEmpty(cnonce))
        {
            throw new ArgumentException("qop=auth and the -sess algorithms need a cnonce.", nameof(cnonce));
        }

        if (qop is not null && string.IsNullOrEmpty(nonceCount))
        {
            throw new ArgumentException("qop=auth needs a nonce count.", nameof(nonceCount));
        }

        string effectiveHa1 = algorithm.IsSession() ? ComputeSessionHa1(algorithm, ha1, nonce, cnonce!) : ha1;
        string ha2 = ComputeHa2(algorithm, method, digestUri);
        return qop is null
            ? Hash(algorithm, effectiveHa1, nonce, ha2)
            : Hash(algorithm, effectiveHa1, nonce, nonceCount!, cnonce!, qop, ha2);
    }

    /// <summary>
    /// True when <paramref name="ha1"/> looks like an HA1 of <paramref name="algorithm"/>'s family:
    /// 32 (MD5) or 64 (SHA-256) hex digits. Configuration validation uses it at start-up.
    /// </summary>
    public static bool IsValidHa1(DigestAlgorithm algorithm, ReadOnlySpan<char> ha1) =>
        ha1.Length == algorithm.HexLength() && !ha1.ContainsAnyExcept(HexDigits);

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>H(part1 ":" part2 ":" ...), UTF-8 encoded (RFC 7616 3.4.4: charset UTF-8), lower-case hex.</summary>
    private static string Hash(DigestAlgorithm algorithm, params ReadOnlySpan<string> parts)
    {
        int byteCount = parts.Length - 1;
        foreach (string part in parts)
        {
            byteCount += Encoding.UTF8.GetByteCount(part);
        }

        byte[]? rented = null;
        Span<byte> input = byteCount <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            int written = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    input[written++] = (byte)':';
                }

                written += Encoding.UTF8.GetBytes(parts[i], input[written..]);
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            int hashLength = algorithm.Family() == DigestAlgorithm.Md5
                ? MD5.HashData(input[..written], hash)
                : SHA256.HashData(input[..written], hash);
            return Convert.ToHexStringLower(hash[..hashLength]);
        }
        finally
        {
            // The input may hold a password: do not leave it on the stack or in the pool.
            CryptographicOperations.ZeroMemory(input[..Math.Min(byteCount, input.Length)]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
