namespace CallService.Web.Auth;

/// <summary>The result of <see cref="WebUserStore.SignIn"/>.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="User">The user when <see cref="SignInOutcome.Succeeded"/>.</param>
/// <param name="LockedUntil">With <see cref="SignInOutcome.LockedOut"/> (and a failure that started a lockout): when the name may try again.</param>
public sealed record SignInResult(SignInOutcome Outcome, WebUser? User, DateTimeOffset? LockedUntil);
