using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;

namespace CallService.Web.Auth;

/// <summary>
/// Web passwords as ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> stores them: format v3,
/// PBKDF2 with a random salt (HMAC-SHA512 and 100,000 iterations in .NET 10), base64. Only the hash is
/// configured (Web:Users:n:PasswordHash); "CallService hash-password --web" prints it.
/// </summary>
public static class WebPasswordHash
{
    // The v3 layout: 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt length (uint32 BE), salt, subkey.
    private const byte FormatV3 = 0x01;
    private const int HeaderLength = 13;
    private const int MinSubkeyLength = 16;

    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object NoUser = new();

    /// <summary>A new hash of <paramref name="password"/> (a fresh salt each time).</summary>
    public static string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return Hasher.HashPassword(NoUser, password);
    }

    /// <summary>True when <paramref name="password"/> is the one <paramref name="hash"/> was made from (compared in constant time by the hasher).</summary>
    public static bool Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(password);
        if (!IsWellFormed(hash))
        {
            return false;
        }
        return Hasher.VerifyHashedPassword(NoUser, hash, password) != PasswordVerificationResult.Failed;
    }

    /// <summary>True for a v3 hash as <see cref="Hash"/> makes it (base64, header, salt and a subkey of at least 16 bytes).</summary>
    public static bool IsWellFormed(string? hash)
    {
        if (string.IsNullOrWhiteSpace(hash))
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[256];
        if (!Convert.TryFromBase64String(hash.Trim(), bytes, out int length) || length < HeaderLength || bytes[0] != FormatV3)
        {
            return false;
        }
        uint iterations = BinaryPrimitives.ReadUInt32BigEndian(bytes[5..]);
        uint saltLength = BinaryPrimitives.ReadUInt32BigEndian(bytes[9..]);
        return iterations > 0 && saltLength >= 16 && HeaderLength + saltLength + MinSubkeyLength <= length;
    }
}
