namespace CallService.Sip.Auth;

/// <summary>
/// What a UAC knows to answer a challenge: the password, or pre-computed HA1 values
/// (H(username:realm:password) per hash family) so the password need not be kept.
/// </summary>
public sealed class DigestSecret
{
    private readonly string? _password;
    private readonly string? _md5Ha1;
    private readonly string? _sha256Ha1;

    private DigestSecret(string? password, string? md5Ha1, string? sha256Ha1)
    {
        _password = password;
        _md5Ha1 = md5Ha1;
        _sha256Ha1 = sha256Ha1;
    }

    /// <summary>A password: answers any supported algorithm.</summary>
    public static DigestSecret FromPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return new DigestSecret(password, null, null);
    }

    /// <summary>
    /// Stored HA1 values for the realm the UA will be challenged in; either may be null. MD5 HA1
    /// answers MD5 and MD5-sess challenges, SHA-256 HA1 answers SHA-256 and SHA-256-sess.
    /// </summary>
    /// <exception cref="ArgumentException">Both are null, or one is not hex of the right length.</exception>
    public static DigestSecret FromHa1(string? md5Ha1, string? sha256Ha1)
    {
        if (md5Ha1 is null && sha256Ha1 is null)
        {
            throw new ArgumentException("Give at least one HA1.", nameof(md5Ha1));
        }

        if (md5Ha1 is not null && !DigestHash.IsValidHa1(DigestAlgorithm.Md5, md5Ha1))
        {
            throw new ArgumentException("An MD5 HA1 is 32 hex digits.", nameof(md5Ha1));
        }

        if (sha256Ha1 is not null && !DigestHash.IsValidHa1(DigestAlgorithm.Sha256, sha256Ha1))
        {
            throw new ArgumentException("A SHA-256 HA1 is 64 hex digits.", nameof(sha256Ha1));
        }

        return new DigestSecret(null, md5Ha1?.ToLowerInvariant(), sha256Ha1?.ToLowerInvariant());
    }

    /// <summary>True when this secret can answer <paramref name="algorithm"/>.</summary>
    public bool Supports(DigestAlgorithm algorithm) =>
        _password is not null || (algorithm.Family() == DigestAlgorithm.Md5 ? _md5Ha1 : _sha256Ha1) is not null;

    /// <summary>The plain HA1 for <paramref name="algorithm"/>'s family, or null when this secret cannot answer it.</summary>
    internal string? GetHa1(DigestAlgorithm algorithm, string username, string realm)
    {
        if (_password is not null)
        {
            return DigestHash.ComputeHa1(algorithm, username, realm, _password);
        }

        return algorithm.Family() == DigestAlgorithm.Md5 ? _md5Ha1 : _sha256Ha1;
    }
}
