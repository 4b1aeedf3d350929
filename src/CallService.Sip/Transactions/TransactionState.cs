namespace CallService.Sip.Transactions;

/// <summary>The states of RFC 3261 section 17 (figures 5 to 8), with "Accepted" from RFC 6026.</summary>
public enum TransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}
