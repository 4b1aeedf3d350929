using CallService.Sip.Auth;
using CallService.Sip.Registrar;

namespace CallService.Tests.Registrar;

/// <summary>Test accounts: user name to password, answered as HA1 for the asked realm and family.</summary>
internal sealed class PasswordAccounts(params (string User, string Password)[] accounts) : IRegistrarAccounts
{
    private readonly Dictionary<string, string> _passwords = accounts.ToDictionary(a => a.User, a => a.Password, StringComparer.Ordinal);

    public string? FindHa1(string username, string realm, DigestAlgorithm family) =>
        _passwords.TryGetValue(username, out string? password) ? DigestHash.ComputeHa1(family, username, realm, password) : null;
}
