using CallService.Sip.Messages;
using CallService.Sip.Transport;

namespace CallService.Sip.Transactions;

/// <summary>The transaction user (RFC 3261 5: the UA core above the transaction layer).</summary>
public interface ISipTransactionUser
{
    /// <summary>A new request arrived; a server transaction exists for it (100 Trying is already out for INVITE).</summary>
    void OnRequest(ServerTransaction transaction);

    /// <summary>An ACK that matched no INVITE server transaction still in Completed: the ACK of a 2xx
    /// (RFC 3261 17.2.3/13.3.1.4), for the dialog.</summary>
    void OnAck(SipRequest ack, SipEndPoint source);

    /// <summary>A response that matched no client transaction (RFC 3261 18.1.2): for example a 2xx
    /// retransmitted after the transaction ended, which the UAC core answers with its ACK again.</summary>
    void OnStrayResponse(SipResponse response, SipEndPoint source);
}
