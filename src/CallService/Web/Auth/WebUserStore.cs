namespace CallService.Web.Auth;

/// <summary>
/// The users of the web front (Web:Users) and the check of a sign-in: name, password hash, lockout.
/// A singleton; the users are fixed at start.
/// </summary>
public sealed class WebUserStore
{
    // Verified against when the name is unknown, so that an unknown name costs the same PBKDF2 time
    // as a known one and the answer time does not tell which names exist.
    private static readonly Lazy<string> DecoyHash = new(() => WebPasswordHash.Hash(Guid.NewGuid().ToString("N")));

    private readonly Dictionary<string, WebUser> _users;
    private readonly SignInLockout _lockout;

    /// <param name="options">Validated settings.</param>
    /// <param name="agentDisplayName">The DisplayName of an agent id (null when unknown): a user's default display name.</param>
    /// <param name="time">The clock of the lockout.</param>
    public WebUserStore(WebAuthOptions options, Func<string, string?> agentDisplayName, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agentDisplayName);
        _users = new Dictionary<string, WebUser>(StringComparer.OrdinalIgnoreCase);
        foreach (WebUserOptions configured in options.Users)
        {
            string userName = configured.UserName.Trim();
            string? agentId = string.IsNullOrWhiteSpace(configured.AgentId) ? null : configured.AgentId.Trim();
            string displayName = !string.IsNullOrWhiteSpace(configured.DisplayName) ? configured.DisplayName.Trim()
                : (agentId is null ? null : agentDisplayName(agentId)) ?? userName;
            _users[userName] = new WebUser(userName, displayName, WebRoles.Normalize(configured.Role) ?? WebRoles.Agent, agentId, configured.PasswordHash.Trim());
        }
        _lockout = new SignInLockout(options.MaxFailedSignIns, TimeSpan.FromMinutes(options.LockoutMinutes), time);
    }

    /// <summary>The configured users.</summary>
    public IReadOnlyCollection<WebUser> Users => _users.Values;

    /// <summary>The user named <paramref name="userName"/> (ignoring case), or null.</summary>
    public WebUser? Find(string userName) => _users.GetValueOrDefault(userName.Trim());

    /// <summary>
    /// Checks a sign-in: a locked-out name is refused without checking the password; a wrong password
    /// counts towards the lockout; a right one clears the count.
    /// </summary>
    public SignInResult SignIn(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (Find(userName) is not { } user)
        {
            _ = WebPasswordHash.Verify(DecoyHash.Value, password);
            return new SignInResult(SignInOutcome.Failed, null, null);
        }
        if (_lockout.LockedUntil(user.UserName) is { } lockedUntil)
        {
            return new SignInResult(SignInOutcome.LockedOut, null, lockedUntil);
        }
        if (!WebPasswordHash.Verify(user.PasswordHash, password))
        {
            DateTimeOffset? until = _lockout.Failed(user.UserName);
            return new SignInResult(until is null ? SignInOutcome.Failed : SignInOutcome.LockedOut, null, until);
        }
        _lockout.Succeeded(user.UserName);
        return new SignInResult(SignInOutcome.Succeeded, user, null);
    }
}
