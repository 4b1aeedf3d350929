using CallService.Sip.Auth;

namespace CallService.Sip.Registrar;

/// <summary>The accounts allowed to register: their stored digest HA1 values.</summary>
public interface IRegistrarAccounts
{
    /// <summary>
    /// The HA1 = H(username:realm:password) in hex for the hash family <paramref name="family"/>
    /// (<see cref="DigestAlgorithm.Md5"/> or <see cref="DigestAlgorithm.Sha256"/>), or null when
    /// there is no such account or no HA1 of that family (see <see cref="DigestAuthenticator.Verify(string, string, DigestCredentials, Func{string, string, DigestAlgorithm, string?})"/>).
    /// </summary>
    string? FindHa1(string username, string realm, DigestAlgorithm family);
}
