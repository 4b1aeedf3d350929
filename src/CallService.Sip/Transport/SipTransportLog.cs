using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CallService.Sip.Transport;

/// <summary>Transport log events (ids 1100-1199). Per-packet drops are counted, not logged.</summary>
internal static partial class SipTransportLog
{
    [LoggerMessage(1100, LogLevel.Information, "SIP transport listening on {LocalEndPoint}")]
    public static partial void Listening(ILogger logger, SipEndPoint localEndPoint);

    [LoggerMessage(1101, LogLevel.Information, "SIP transport stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(1102, LogLevel.Warning, "Socket buffer on {LocalEndPoint} is {ActualBytes} bytes, asked for {RequestedBytes} (raise net.core.rmem_max/wmem_max)")]
    public static partial void SocketBufferCapped(ILogger logger, SipEndPoint localEndPoint, int actualBytes, int requestedBytes);

    [LoggerMessage(1110, LogLevel.Error, "Packet handler failed for a message from {RemoteEndPoint} on {LocalEndPoint}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, SipEndPoint remoteEndPoint, SipEndPoint localEndPoint);

    [LoggerMessage(1111, LogLevel.Warning, "UDP receive on {LocalEndPoint} failed with {SocketError}; receiving goes on")]
    public static partial void UdpReceiveFailed(ILogger logger, SipEndPoint localEndPoint, SocketError socketError);

    [LoggerMessage(1112, LogLevel.Error, "UDP receive loop on {LocalEndPoint} ended unexpectedly")]
    public static partial void UdpLoopFailed(ILogger logger, Exception exception, SipEndPoint localEndPoint);

    [LoggerMessage(1120, LogLevel.Debug, "TCP connection {ConnectionId} {RemoteEndPoint} -> {LocalEndPoint} opened ({Direction})")]
    public static partial void ConnectionOpened(ILogger logger, long connectionId, SipEndPoint remoteEndPoint, SipEndPoint localEndPoint, string direction);

    [LoggerMessage(1121, LogLevel.Debug, "TCP connection {ConnectionId} to {RemoteEndPoint} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, long connectionId, SipEndPoint remoteEndPoint, string reason);

    [LoggerMessage(1122, LogLevel.Warning, "TCP connection {ConnectionId} from {RemoteEndPoint} closed: framing error {Error}")]
    public static partial void FramingError(ILogger logger, long connectionId, SipEndPoint remoteEndPoint, TcpFramingError error);

    [LoggerMessage(1123, LogLevel.Warning, "TCP connection from {RemoteEndPoint} refused: {MaxConnections} connections open")]
    public static partial void ConnectionLimit(ILogger logger, SipEndPoint remoteEndPoint, int maxConnections);

    [LoggerMessage(1124, LogLevel.Error, "TCP accept loop on {LocalEndPoint} ended unexpectedly")]
    public static partial void AcceptLoopFailed(ILogger logger, Exception exception, SipEndPoint localEndPoint);

    [LoggerMessage(1125, LogLevel.Warning, "TCP accept on {LocalEndPoint} failed with {SocketError}; accepting goes on")]
    public static partial void AcceptFailed(ILogger logger, SipEndPoint localEndPoint, SocketError socketError);

    [LoggerMessage(1130, LogLevel.Warning, "Send to {Destination} failed: {Error} ({SocketError})")]
    public static partial void SendFailed(ILogger logger, SipEndPoint destination, SipTransportError error, SocketError socketError);

    [LoggerMessage(1150, LogLevel.Information, "Timed sends (a response due at an instant leaves from the kernel's timer): {Detail}")]
    public static partial void TimedSendsReady(ILogger logger, string detail);

    [LoggerMessage(1151, LogLevel.Warning, "Timed sends unavailable: {Reason}; a response due at an instant is sent by the thread that times it")]
    public static partial void TimedSendsUnavailable(ILogger logger, string reason);

    [LoggerMessage(1152, LogLevel.Warning, "A timed send failed with errno {Errno}; the 2xx retransmission resends it")]
    public static partial void TimedSendFailed(ILogger logger, int errno);

    [LoggerMessage(1153, LogLevel.Information, "Timed-send thread scheduling: {Scheduling}")]
    public static partial void TimedSendsThread(ILogger logger, string scheduling);
}
