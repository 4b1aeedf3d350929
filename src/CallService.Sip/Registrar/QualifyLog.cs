using Microsoft.Extensions.Logging;

namespace CallService.Sip.Registrar;

/// <summary>The OPTIONS qualify events (2121-2129).</summary>
internal static partial class QualifyLog
{
    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "{Contact} of {AddressOfRecord} at {Destination} did not answer {Failures} OPTIONS in a row: unreachable")]
    public static partial void Unreachable(ILogger logger, string addressOfRecord, string contact, string destination, int failures);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Information, Message = "{Contact} of {AddressOfRecord} at {Destination} answers again ({StatusCode})")]
    public static partial void Reachable(ILogger logger, string addressOfRecord, string contact, string destination, int statusCode);

    [LoggerMessage(EventId = 2123, Level = LogLevel.Debug, Message = "OPTIONS to {Contact} of {AddressOfRecord} at {Destination}: {StatusCode}")]
    public static partial void Pinged(ILogger logger, string addressOfRecord, string contact, string destination, int statusCode);

    [LoggerMessage(EventId = 2124, Level = LogLevel.Error, Message = "OPTIONS to {Contact} of {AddressOfRecord} failed to start")]
    public static partial void PingFault(ILogger logger, string addressOfRecord, string contact, Exception ex);
}
