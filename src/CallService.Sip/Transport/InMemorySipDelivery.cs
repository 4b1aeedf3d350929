namespace CallService.Sip.Transport;

/// <summary>When an <see cref="InMemorySipNetwork"/> hands a sent packet to its destination.</summary>
public enum InMemorySipDelivery
{
    /// <summary>Inside SendAsync, before it returns (a reply sent by the handler is delivered recursively).</summary>
    Synchronous,

    /// <summary>Queued until the test calls <see cref="InMemorySipNetwork.DeliverNext"/> or <see cref="InMemorySipNetwork.DeliverAll"/>.</summary>
    Queued,
}
