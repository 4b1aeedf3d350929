using CallService.Sip.Auth;
using CallService.Sip.Registrar;

namespace CallService.Tests.Registrar;

/// <summary>Test accounts: user name to password, answered as HA1 for the asked realm and family.
/// Users in <see cref="Md5Only"/> have no SHA-256 HA1 (like an agent configured with Ha1Md5 only).</summary>
internal sealed class PasswordAccounts(params (string User, string Password)[] accounts) : IRegistrarAccounts
{
    private readonly Dictionary<string, string> _passwords = accounts.ToDictionary(a => a.User, a => a.Password, StringComparer.Ordinal);

    public HashSet<string> Md5Only { get; init; } = [];

    public string? FindHa1(string username, string realm, DigestAlgorithm family) =>
        _passwords.TryGetValue(username, out string? password) && (family == DigestAlgorithm.Md5 || !Md5Only.Contains(username))
            ? DigestHash.ComputeHa1(family, username, realm, password)
            : null;
}
