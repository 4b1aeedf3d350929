using Microsoft.Extensions.Logging;

namespace CallService.Web.Auth;

/// <summary>The sign-in log events (ids 6900-6949). Passwords and hashes are never logged.</summary>
internal static partial class WebAuthLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "CallService.Web.Auth";

    [LoggerMessage(6901, LogLevel.Information, "Web sign-in: {UserName} signed in as {Role} from {RemoteAddress}")]
    public static partial void SignedIn(ILogger logger, string userName, string role, string? remoteAddress);

    [LoggerMessage(6902, LogLevel.Warning, "Web sign-in: failed for {UserName} from {RemoteAddress}")]
    public static partial void SignInFailed(ILogger logger, string userName, string? remoteAddress);

    [LoggerMessage(6903, LogLevel.Warning, "Web sign-in: {UserName} is locked out until {LockedUntil:O} (from {RemoteAddress})")]
    public static partial void LockedOut(ILogger logger, string userName, DateTimeOffset lockedUntil, string? remoteAddress);

    [LoggerMessage(6904, LogLevel.Information, "Web sign-in: {UserName} signed out")]
    public static partial void SignedOut(ILogger logger, string userName);

    [LoggerMessage(6905, LogLevel.Warning, "Web request refused: {Method} {Path} without a valid antiforgery token ({Reason})")]
    public static partial void AntiforgeryRejected(ILogger logger, string method, string path, string reason);

    [LoggerMessage(6906, LogLevel.Warning,
        "No web users are configured (Web:Users): nobody can sign in to the desk or the dashboard. Add one: run \"CallService hash-password --web\" and configure Web:Users:0 with UserName, Role (agent|manager), AgentId and the PasswordHash it prints (docs/configuration.md)")]
    public static partial void NoUsers(ILogger logger);

    [LoggerMessage(6907, LogLevel.Information, "Web sign-in: {UserCount} user(s) may sign in; lockout after {MaxFailures} failures for {LockoutMinutes} min")]
    public static partial void Users(ILogger logger, int userCount, int maxFailures, int lockoutMinutes);
}
