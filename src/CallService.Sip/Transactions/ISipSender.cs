using CallService.Sip.Transport;

namespace CallService.Sip.Transactions;

/// <summary>What the transaction layer needs of the transport below it: put bytes on the wire.</summary>
public interface ISipSender
{
    /// <summary>Sends one serialised message; throws on a transport failure (RFC 3261 17.1.4 / 17.2.4).</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> data, SipEndPoint destination, CancellationToken cancellationToken);

    /// <summary>Has the transport send at an instant (<see cref="ISipTransport.TrySendAt"/>); null when it cannot.</summary>
    ScheduledDatagram? TrySendAt(ReadOnlyMemory<byte> data, SipEndPoint destination, long timestamp) => null;
}
