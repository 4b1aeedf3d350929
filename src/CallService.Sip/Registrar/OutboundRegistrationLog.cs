using Microsoft.Extensions.Logging;

namespace CallService.Sip.Registrar;

/// <summary>The outbound registration's events (2141-2149): every step with the address-of-record.</summary>
internal static partial class OutboundRegistrationLog
{
    [LoggerMessage(EventId = 2141, Level = LogLevel.Debug, Message = "REGISTER {AddressOfRecord} at {Registrar} (CSeq {CSeq}, Expires {ExpiresSeconds}, credentials {WithCredentials})")]
    public static partial void Sending(ILogger logger, string addressOfRecord, string registrar, uint cseq, int expiresSeconds, bool withCredentials);

    [LoggerMessage(EventId = 2142, Level = LogLevel.Debug, Message = "{AddressOfRecord}: challenged with {StatusCode} by realm {Realm} ({Algorithm}, stale={Stale})")]
    public static partial void Challenged(ILogger logger, string addressOfRecord, int statusCode, string realm, string algorithm, bool stale);

    [LoggerMessage(EventId = 2143, Level = LogLevel.Information, Message = "{AddressOfRecord} registered at {Registrar} for {ExpiresSeconds} s; refresh in {RefreshSeconds} s")]
    public static partial void Registered(ILogger logger, string addressOfRecord, string registrar, int expiresSeconds, int refreshSeconds);

    [LoggerMessage(EventId = 2144, Level = LogLevel.Warning, Message = "{AddressOfRecord}: registration at {Registrar} failed with {StatusCode} {Reason} ({Failures} in a row); retry in {RetrySeconds} s")]
    public static partial void Failed(ILogger logger, string addressOfRecord, string registrar, int statusCode, string reason, int failures, double retrySeconds);

    [LoggerMessage(EventId = 2145, Level = LogLevel.Information, Message = "{AddressOfRecord}: the registrar asks for at least {MinExpiresSeconds} s (423); asking again")]
    public static partial void IntervalTooBrief(ILogger logger, string addressOfRecord, int minExpiresSeconds);

    [LoggerMessage(EventId = 2146, Level = LogLevel.Information, Message = "{AddressOfRecord} unregistered from {Registrar} ({StatusCode})")]
    public static partial void Unregistered(ILogger logger, string addressOfRecord, string registrar, int statusCode);

    [LoggerMessage(EventId = 2147, Level = LogLevel.Information, Message = "{AddressOfRecord}: registration at {Registrar} started")]
    public static partial void Started(ILogger logger, string addressOfRecord, string registrar);
}
