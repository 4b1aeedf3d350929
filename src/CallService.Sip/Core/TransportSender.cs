using CallService.Sip.Transactions;
using CallService.Sip.Transport;

namespace CallService.Sip.Core;

/// <summary>Lets the transaction layer send through a transport without knowing its type.</summary>
internal sealed class TransportSender(ISipTransport transport) : ISipSender
{
    public ValueTask SendAsync(ReadOnlyMemory<byte> data, SipEndPoint destination, CancellationToken cancellationToken) =>
        transport.SendAsync(data, destination, cancellationToken);

    public ScheduledDatagram? TrySendAt(ReadOnlyMemory<byte> data, SipEndPoint destination, long timestamp) =>
        transport.TrySendAt(data, destination, timestamp);
}
