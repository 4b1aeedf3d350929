using System.Net;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;

namespace CallService.Hosting;

/// <summary>
/// Where the SIP engine listens and what it advertises; the "Sip" section. Checked at start by
/// <see cref="SipOptionsValidator"/>; after that the typed views (<see cref="BindAddress"/>,
/// <see cref="ListenEndPoints"/>, <see cref="TimerOptions"/>) are safe to read.
/// </summary>
public sealed class SipOptions
{
    /// <summary>The configuration section: "Sip".</summary>
    public const string SectionName = "Sip";

    /// <summary>The transports the service can listen on so far.</summary>
    public static IReadOnlyList<string> TransportNames { get; } = ["udp", "tcp"];

    private string? _advertisedAddress;

    /// <summary>The IP address the listeners bind to: "0.0.0.0" (default, every IPv4 interface), "::", or one address.</summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>The SIP port, for UDP and TCP alike (1..65535, default 5060).</summary>
    public int Port { get; set; } = 5060;

    /// <summary>
    /// The address (or host name) written into Via, Contact and SDP so that phones can reach the
    /// service. Not set: 127.0.0.1 when <see cref="Address"/> is 0.0.0.0 (::1 when it is ::), else
    /// <see cref="Address"/> itself. Setting it to null or blanks returns to that default.
    /// </summary>
    public string AdvertisedAddress
    {
        get => _advertisedAddress ?? DefaultAdvertisedAddress(Address);
        set => _advertisedAddress = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>True when <see cref="AdvertisedAddress"/> was configured rather than derived from <see cref="Address"/>.</summary>
    public bool IsAdvertisedAddressConfigured => _advertisedAddress is not null;

    /// <summary>Comma-separated transports to listen on: "udp,tcp" (default), "udp" or "tcp".</summary>
    public string Transports { get; set; } = "udp,tcp";

    /// <summary>The lowest RTP port (even; RTCP takes the odd port above). Default 20000.</summary>
    public int RtpPortMin { get; set; } = 20000;

    /// <summary>The highest RTP/RTCP port; at least 100 ports from <see cref="RtpPortMin"/>. Default 29999.</summary>
    public int RtpPortMax { get; set; } = 29999;

    /// <summary>RFC 3261 timer T1 (round-trip estimate) in ms; every transaction timer derives from it. Default 500.</summary>
    public int T1Ms { get; set; } = 500;

    /// <summary>
    /// Whether the 200 OK that ends a line's Nth ring is handed to the kernel ahead of time to leave at
    /// that instant (Linux io_uring), so that a pause of the service then (a garbage collection under
    /// load) cannot make it late. Default true; where the kernel lacks it (the log says so at the first
    /// ringing call) the call's timer thread sends it, as with false.
    /// </summary>
    public bool TimedAnswers { get; set; } = true;

    /// <summary>
    /// The digest realm the registrar challenges with (RFC 3261 22.1); the agents' HA1 values are
    /// computed for it (hash-password --realm). Default "callservice".
    /// </summary>
    public string Realm { get; set; } = "callservice";

    /// <summary>Values that could not be read from configuration (e.g. a port that is not a number), one line each.</summary>
    internal List<string> BindingFailures { get; } = [];

    /// <summary><see cref="Address"/> parsed.</summary>
    /// <exception cref="FormatException">the address is not an IP address (the validator refuses it at start).</exception>
    public IPAddress BindAddress => IPAddress.Parse(Address.Trim());

    /// <summary><see cref="Transports"/> parsed, in the order written.</summary>
    /// <exception cref="FormatException">the list is invalid (the validator refuses it at start).</exception>
    public IReadOnlyList<SipProtocol> TransportProtocols =>
        TryParseTransports(Transports, out List<SipProtocol> protocols, out string? error)
            ? protocols
            : throw new FormatException(error);

    /// <summary>One listening endpoint per transport: <see cref="BindAddress"/>:<see cref="Port"/>.</summary>
    public IReadOnlyList<SipEndPoint> ListenEndPoints =>
        [.. TransportProtocols.Select(protocol => new SipEndPoint(protocol, new IPEndPoint(BindAddress, Port)))];

    /// <summary>How many RTP/RTCP ports the range holds (a call leg uses two).</summary>
    public int RtpPortCount => RtpPortMax - RtpPortMin + 1;

    /// <summary>Timer T1 (<see cref="T1Ms"/>).</summary>
    public TimeSpan T1 => TimeSpan.FromMilliseconds(T1Ms);

    /// <summary>The transaction timers: T1 from <see cref="T1Ms"/>, T2 and T4 at their RFC 3261 defaults.</summary>
    public SipTimerOptions TimerOptions => new() { T1 = T1 };

    /// <summary>The advertised address when none is configured: loopback for an any-address, else the address.</summary>
    public static string DefaultAdvertisedAddress(string? address)
    {
        string trimmed = address?.Trim() ?? "";
        if (IPAddress.TryParse(trimmed, out IPAddress? ip))
        {
            if (ip.Equals(IPAddress.Any))
            {
                return IPAddress.Loopback.ToString();
            }
            if (ip.Equals(IPAddress.IPv6Any))
            {
                return IPAddress.IPv6Loopback.ToString();
            }
        }
        return trimmed;
    }

    /// <summary>Parses a transport list such as "udp,tcp" (case and blanks ignored).</summary>
    /// <returns>False with a message (without the key) for an empty list, an unknown or a repeated transport.</returns>
    public static bool TryParseTransports(string? text, out List<SipProtocol> protocols, out string? error)
    {
        protocols = [];
        error = null;
        string[] names = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            error = "list at least one transport: \"udp\", \"tcp\" or \"udp,tcp\"";
            return false;
        }
        foreach (string name in names)
        {
            SipProtocol protocol;
            switch (name.ToLowerInvariant())
            {
                case "udp":
                    protocol = SipProtocol.Udp;
                    break;
                case "tcp":
                    protocol = SipProtocol.Tcp;
                    break;
                case "tls":
                    error = "\"tls\" is not supported yet: use \"udp\", \"tcp\" or \"udp,tcp\"";
                    return false;
                default:
                    error = $"\"{name}\" is not a transport: use \"udp\", \"tcp\" or \"udp,tcp\"";
                    return false;
            }
            if (protocols.Contains(protocol))
            {
                error = $"\"{name}\" is listed twice";
                return false;
            }
            protocols.Add(protocol);
        }
        return true;
    }
}
