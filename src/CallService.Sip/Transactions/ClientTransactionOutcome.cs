using CallService.Sip.Messages;

namespace CallService.Sip.Transactions;

/// <summary>The end of a client transaction: the final response, or why there is none.</summary>
public sealed record ClientTransactionOutcome(TransactionEnd End, SipResponse? Response)
{
    public bool IsSuccess => End == TransactionEnd.Response && Response is { StatusCode: >= 200 and < 300 };

    public int StatusCode => Response?.StatusCode ?? End switch
    {
        TransactionEnd.Timeout => 408,
        TransactionEnd.TransportError => 503,
        _ => 487,
    };
}
