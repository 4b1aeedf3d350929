namespace CallService.Sip.Transactions;

/// <summary>How a transaction ended, so no caller has to interpret a null.</summary>
public enum TransactionEnd
{
    /// <summary>A final response was received (client) or sent and settled (server).</summary>
    Response,

    /// <summary>Timer B or F fired (client), or Timer H fired with no ACK (server INVITE).</summary>
    Timeout,

    /// <summary>The transport refused to send (RFC 3261 17.1.4, 17.2.4).</summary>
    TransportError,

    /// <summary>The stack shut down or the caller gave up waiting.</summary>
    Cancelled,
}
