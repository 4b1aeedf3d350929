using Microsoft.Extensions.Logging;

namespace CallService.Sip.Rtp;

/// <summary>Source-generated log messages of the RTP layer (event ids 3000-3099).</summary>
internal static partial class RtpLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "RTP stream {Ssrc} faulted on a pacer tick; its source was dropped")]
    public static partial void StreamFaulted(ILogger logger, uint ssrc, Exception exception);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "RTP pacer was {BehindMs} ms behind; skipped {Frames} frames per stream")]
    public static partial void PacerSkipped(ILogger logger, double behindMs, long frames);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "RTP pacer loop failed")]
    public static partial void PacerLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "RTP pacer thread scheduled as {Scheduling}")]
    public static partial void PacerScheduling(ILogger logger, string scheduling);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "RTP pacer could not get real-time scheduling ({Reason}); media timing will suffer when the CPU is busy")]
    public static partial void PacerSchedulingRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "RTP socket {LocalEndPoint} receive loop stopped on an error")]
    public static partial void ReceiveLoopFailed(ILogger logger, string localEndPoint, Exception exception);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "RTP socket {LocalEndPoint} packet handler failed")]
    public static partial void HandlerFailed(ILogger logger, string localEndPoint, Exception exception);
}
