namespace CallService.Sip.Auth;

/// <summary>Names, families and preference of <see cref="DigestAlgorithm"/> values.</summary>
public static class DigestAlgorithms
{
    /// <summary>
    /// RFC 7616 3.3: algorithm tokens are case-insensitive. Returns false for a token we do not
    /// support (SHA-512-256, anything else).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> token, out DigestAlgorithm algorithm)
    {
        if (token.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Md5;
        }
        else if (token.Equals("MD5-sess", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Md5Sess;
        }
        else if (token.Equals("SHA-256", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Sha256;
        }
        else if (token.Equals("SHA-256-sess", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Sha256Sess;
        }
        else
        {
            algorithm = default;
            return false;
        }

        return true;
    }

    /// <summary>The token as written on the wire ("MD5", "MD5-sess", "SHA-256", "SHA-256-sess").</summary>
    public static string ToToken(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Md5Sess => "MD5-sess",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha256Sess => "SHA-256-sess",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown digest algorithm."),
    };

    /// <summary>True for the "-sess" variants, whose HA1 is H(H(user:realm:password):nonce:cnonce) (RFC 7616 3.4.2).</summary>
    public static bool IsSession(this DigestAlgorithm algorithm) =>
        algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess;

    /// <summary>
    /// The plain algorithm of the same hash function: MD5 for MD5/MD5-sess, SHA-256 for
    /// SHA-256/SHA-256-sess. A stored HA1 (H(user:realm:password)) belongs to a family, not to
    /// a session variant.
    /// </summary>
    public static DigestAlgorithm Family(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 or DigestAlgorithm.Md5Sess => DigestAlgorithm.Md5,
        DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess => DigestAlgorithm.Sha256,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown digest algorithm."),
    };

    /// <summary>Length of the hash in lower-case hex characters (32 for MD5, 64 for SHA-256).</summary>
    public static int HexLength(this DigestAlgorithm algorithm) =>
        algorithm.Family() == DigestAlgorithm.Md5 ? 32 : 64;

    /// <summary>
    /// Preference rank, higher is stronger. RFC 8760 2.4: challenges are ordered by preference,
    /// SHA-256 before MD5; within a family the plain variant comes first because more UAs
    /// implement it.
    /// </summary>
    public static int Preference(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha256 => 4,
        DigestAlgorithm.Sha256Sess => 3,
        DigestAlgorithm.Md5 => 2,
        DigestAlgorithm.Md5Sess => 1,
        _ => 0,
    };
}
