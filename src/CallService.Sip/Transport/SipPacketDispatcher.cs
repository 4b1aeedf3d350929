using Microsoft.Extensions.Logging;

namespace CallService.Sip.Transport;

/// <summary>
/// Hands each inbound packet to the consumer's handler, synchronously, on the receive loop that read it. A
/// handler fault is counted and logged here so no loop ever dies of it.
/// </summary>
internal sealed class SipPacketDispatcher
{
    private readonly SipTransportCounters _counters;
    private readonly ILogger _logger;
    private volatile SipInboundPacketHandler? _handler;

    public SipPacketDispatcher(SipTransportCounters counters, ILogger logger)
    {
        _counters = counters;
        _logger = logger;
    }

    public void SetHandler(SipInboundPacketHandler? handler) => _handler = handler;

    public void Dispatch(in SipInboundPacket packet)
    {
        SipInboundPacketHandler? handler = _handler;
        if (handler is null)
        {
            Interlocked.Increment(ref _counters.PacketsDroppedNoHandler);
            return;
        }

        try
        {
            handler(in packet);
        }
#pragma warning disable CA1031 // the consumer's bug must not stop the receive loop
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _counters.HandlerExceptions);
            SipTransportLog.HandlerFailed(_logger, exception, packet.Remote, packet.Local);
        }
    }
}
