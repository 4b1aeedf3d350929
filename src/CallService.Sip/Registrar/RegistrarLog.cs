using Microsoft.Extensions.Logging;

namespace CallService.Sip.Registrar;

/// <summary>The registrar's events (2101-2119), structured with the address-of-record and source as properties.</summary>
internal static partial class RegistrarLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Bound {Contact} to {AddressOfRecord} from {Source} for {ExpiresSeconds} s")]
    public static partial void Bound(ILogger logger, string addressOfRecord, string contact, string source, int expiresSeconds);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Refreshed {Contact} of {AddressOfRecord} from {Source} for {ExpiresSeconds} s")]
    public static partial void Refreshed(ILogger logger, string addressOfRecord, string contact, string source, int expiresSeconds);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Removed {Contact} from {AddressOfRecord}: {Reason}")]
    public static partial void Removed(ILogger logger, string addressOfRecord, string contact, BindingRemovalReason reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "Challenged a REGISTER from {Source} (stale={Stale})")]
    public static partial void Challenged(ILogger logger, string source, bool stale);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Authentication of {User} from {Source} failed: {Result}")]
    public static partial void AuthenticationFailed(ILogger logger, string source, string? user, Auth.DigestVerificationResult result);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Blocked {Source} after repeated authentication failures: answered 403, later requests are dropped until the block ends")]
    public static partial void SourceBlocked(ILogger logger, string source);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Debug, Message = "Dropped a REGISTER from blocked {Source}")]
    public static partial void Dropped(ILogger logger, string source);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Information, Message = "Refused a REGISTER for {AddressOfRecord} from {Source} with {StatusCode} {Reason}")]
    public static partial void Refused(ILogger logger, string? addressOfRecord, string source, int statusCode, string reason);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = "{User} from {Source} authenticated but may not register {AddressOfRecord}")]
    public static partial void NotAuthorized(ILogger logger, string source, string? user, string? addressOfRecord);
}
