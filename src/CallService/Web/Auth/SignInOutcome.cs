namespace CallService.Web.Auth;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome
{
    /// <summary>Name and password match: the user is signed in.</summary>
    Succeeded,

    /// <summary>Unknown name or wrong password (the page does not say which).</summary>
    Failed,

    /// <summary>The name is locked out after too many failures; the password was not checked.</summary>
    LockedOut,
}
