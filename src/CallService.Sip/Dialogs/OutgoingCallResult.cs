using CallService.Sip.Messages;
using CallService.Sip.Transactions;

namespace CallService.Sip.Dialogs;

/// <summary>How an outgoing INVITE ended: a dialog when answered, else the final response or why none.</summary>
public sealed record OutgoingCallResult(SipDialog? Dialog, SipResponse? FinalResponse, TransactionEnd End)
{
    public bool IsAnswered => Dialog is not null;

    public int StatusCode => FinalResponse?.StatusCode ?? End switch
    {
        TransactionEnd.Timeout => 408,
        TransactionEnd.TransportError => 503,
        _ => 487,
    };
}
