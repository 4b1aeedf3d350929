using System.Text;

namespace CallService.Sip.Transport;

/// <summary>One message that went over an <see cref="InMemorySipNetwork"/>, with its own copy of the bytes.</summary>
/// <param name="Data">The bytes exactly as sent.</param>
/// <param name="From">The sender's local endpoint.</param>
/// <param name="To">The destination endpoint.</param>
/// <param name="ConnectionId">The in-memory connection for TCP/TLS (&gt; 0), 0 for UDP.</param>
/// <param name="Timestamp">The network clock's <see cref="TimeProvider.GetTimestamp"/> at send time.</param>
/// <param name="Fate">What the network's interceptor decided for it.</param>
public sealed record InMemorySipPacket(byte[] Data, SipEndPoint From, SipEndPoint To, long ConnectionId, long Timestamp, InMemorySipFate Fate)
{
    /// <summary>The bytes as text (SIP is UTF-8), for assertions.</summary>
    public string Text => Encoding.UTF8.GetString(Data);
}
