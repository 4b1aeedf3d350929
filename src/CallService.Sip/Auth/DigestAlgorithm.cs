namespace CallService.Sip.Auth;

/// <summary>
/// The digest algorithms CallService computes (RFC 7616 3.3, RFC 8760 2.2). SHA-512-256 is not
/// supported: .NET has no SHA-512/256 primitive, and a token we do not know is kept as
/// <c>UnrecognizedAlgorithm</c> on the parsed header instead.
/// </summary>
public enum DigestAlgorithm
{
    /// <summary>"MD5" (RFC 2617; the default when the algorithm parameter is absent).</summary>
    Md5,

    /// <summary>"MD5-sess": HA1 folds in the nonce and cnonce.</summary>
    Md5Sess,

    /// <summary>"SHA-256" (RFC 7616, RFC 8760).</summary>
    Sha256,

    /// <summary>"SHA-256-sess".</summary>
    Sha256Sess,
}
