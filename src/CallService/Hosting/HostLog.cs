using Microsoft.Extensions.Logging;

namespace CallService.Hosting;

/// <summary>The host's log events (ids 3000-3099).</summary>
internal static partial class HostLog
{
    [LoggerMessage(1001, LogLevel.Information,
        "CallService started: SIP {SipEndpoints} advertised as {AdvertisedAddress}; web {WebUrls}; storage {Storage}; prompts {PromptsDirectory}; {LineCount} sales line(s)")]
    public static partial void Started(ILogger logger, string sipEndpoints, string advertisedAddress, string webUrls, string storage, string promptsDirectory, int lineCount);

    [LoggerMessage(1002, LogLevel.Warning,
        "Sip:AdvertisedAddress is {AdvertisedAddress} while SIP listens on {Address}: phones on other machines cannot reach the service; set Sip:AdvertisedAddress to an address they reach")]
    public static partial void AdvertisedLoopback(ILogger logger, string advertisedAddress, string address);

    [LoggerMessage(1003, LogLevel.Critical, "CallService failed to start")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(1005, LogLevel.Information,
        "Runtime: {Collector} garbage collector, latency mode {LatencyMode}, gen0 budget {Gen0Budget}; every collection pauses SIP and RTP alike (docs/configuration.md, Runtime)")]
    public static partial void Runtime(ILogger logger, string collector, string latencyMode, string gen0Budget);

    [LoggerMessage(1004, LogLevel.Information, "CallService stopped")]
    public static partial void Stopped(ILogger logger);
}
