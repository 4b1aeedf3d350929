using Microsoft.Extensions.Logging;

namespace CallService.Sip.Rtp;

/// <summary>Source-generated log messages of the RTP layer (event ids 3000-3099).</summary>
internal static partial class RtpLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "RTP stream {Ssrc} faulted on a pacer tick; its source was dropped")]
    public static partial void StreamFaulted(ILogger logger, uint ssrc, Exception exception);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "RTP pacer was {BehindMs} ms behind; skipped {Frames} frames per stream")]
    public static partial void PacerSkipped(ILogger logger, double behindMs, long frames);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Error, Message = "RTP pacer loop failed")]
    public static partial void PacerLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "RTP pacer thread scheduled as {Scheduling}")]
    public static partial void PacerScheduling(ILogger logger, string scheduling);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "RTP pacer could not get real-time scheduling ({Reason}); media timing will suffer when the CPU is busy")]
    public static partial void PacerSchedulingRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Warning, Message = "RTP socket {LocalEndPoint} receive loop stopped on an error")]
    public static partial void ReceiveLoopFailed(ILogger logger, string localEndPoint, Exception exception);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Warning, Message = "RTP socket {LocalEndPoint} packet handler failed")]
    public static partial void HandlerFailed(ILogger logger, string localEndPoint, Exception exception);
}
