using CallService.Sip.Transactions;
using CallService.Sip.Transport;

namespace CallService.Sip.Core;

/// <summary>How the stack presents itself: the address and port it puts in Via and Contact.</summary>
public sealed record SipStackOptions
{
    /// <summary>Host written into Via sent-by and Contact (an IP literal or a resolvable name).</summary>
    public string AdvertisedHost { get; init; } = "127.0.0.1";

    /// <summary>Port written into Via sent-by and Contact.</summary>
    public int AdvertisedPort { get; init; } = 5060;

    /// <summary>Transport for requests the stack originates when the target URI names none.</summary>
    public SipProtocol DefaultProtocol { get; init; } = SipProtocol.Udp;

    /// <summary>User-Agent and Server header value.</summary>
    public string Product { get; init; } = "CallService";

    public SipTimerOptions Timers { get; init; } = SipTimerOptions.Default;
}
