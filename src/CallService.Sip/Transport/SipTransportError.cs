namespace CallService.Sip.Transport;

/// <summary>
/// How a send failed. The transaction layer maps every value to a "transport error" (RFC 3261 17.1.1.2,
/// 17.1.2.2, 17.1.4: inform the TU, terminate the transaction); the distinction is for logs and for
/// RFC 3261 18.2.2 (a response whose connection is gone goes to the Via sent-by instead).
/// </summary>
public enum SipTransportError
{
    None,

    /// <summary>No socket of that protocol and address family (or the requested local endpoint) is listening.</summary>
    NoListener,

    /// <summary>TLS, or another protocol this transport does not carry.</summary>
    ProtocolNotSupported,

    /// <summary>A UDP datagram larger than the IP maximum (65,507 bytes for IPv4).</summary>
    MessageTooLarge,

    /// <summary>The TCP connect was refused or failed.</summary>
    ConnectFailed,

    /// <summary>The TCP connect did not complete within <see cref="SipTransportOptions.ConnectTimeout"/>.</summary>
    ConnectTimeout,

    /// <summary>The connection named by a <see cref="SipFlow"/> is closed (RFC 3261 18.2.2: open a new one to the sent-by).</summary>
    ConnectionClosed,

    /// <summary>The connection limit (<see cref="SipTransportOptions.MaxConnections"/>) is reached.</summary>
    ConnectionLimit,

    /// <summary>The socket reported an error while sending, or the send timed out (connection then closed).</summary>
    SendFailed,

    /// <summary>The transport is not started or has been stopped.</summary>
    Stopped,
}
