namespace CallService.Sip.Transport;

/// <summary>What <see cref="InMemorySipNetwork.Intercept"/> does with a packet being sent.</summary>
public enum InMemorySipFate
{
    /// <summary>Deliver it (the default).</summary>
    Deliver,

    /// <summary>Lose it silently, as UDP may (to test retransmission timers).</summary>
    Drop,

    /// <summary>Fail the send with a <see cref="SipTransportException"/> (SendFailed), as a broken transport does.</summary>
    Fail,
}
