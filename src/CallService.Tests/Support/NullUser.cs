using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;

namespace CallService.Tests.Support;

/// <summary>A transaction user that records what reaches it and answers nothing by itself.</summary>
public sealed class NullUser : ISipTransactionUser
{
    public List<ServerTransaction> Requests { get; } = [];

    public List<SipRequest> Acks { get; } = [];

    public List<SipResponse> StrayResponses { get; } = [];

    public void OnRequest(ServerTransaction transaction) => Requests.Add(transaction);

    public void OnAck(SipRequest ack, SipEndPoint source) => Acks.Add(ack);

    public void OnStrayResponse(SipResponse response, SipEndPoint source) => StrayResponses.Add(response);
}
