using CallService.Sip.Transactions;

namespace CallService.Sip.Registrar;

/// <summary>Ends a server transaction without any response (a silently dropped request).</summary>
internal static class ServerTransactionDiscard
{
    /// <summary>
    /// Terminates <paramref name="transaction"/> and removes it from the transaction layer without
    /// sending anything. A non-INVITE server transaction waits in Trying for its TU without a timer
    /// (RFC 3261 17.2.2), so a dropped request must end it or each one of a flood would stay in the
    /// table. The layer offers no "discard" yet, so this uses its transport-error path, which does
    /// exactly that: Terminated, then removed. A retransmission of the dropped request then makes a
    /// new transaction and is dropped again.
    /// </summary>
    public static void Discard(ServerTransaction transaction) =>
        transaction.OnTransportError(new OperationCanceledException("The request was dropped without a response."));
}
