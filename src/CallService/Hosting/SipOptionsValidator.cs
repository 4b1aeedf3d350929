using System.Globalization;
using System.Net;
using CallService.Sip.Transport;
using Microsoft.Extensions.Options;

namespace CallService.Hosting;

/// <summary>
/// Checks the "Sip" section at start (ValidateOnStart). Each failure is one line naming the key, the
/// value found and what is expected, e.g. "Sip:Port = 0: must be between 1 and 65535 (...)".
/// </summary>
public sealed class SipOptionsValidator : IValidateOptions<SipOptions>
{
    /// <summary>The fewest ports the RTP range may hold (50 call legs of RTP + RTCP).</summary>
    public const int MinRtpPorts = 100;

    /// <summary>Bounds of T1Ms. RFC 3261 17.1.1.1: T1 defaults to 500 ms; it may be lower on a known LAN, and above T2 (4 s) makes no sense.</summary>
    public const int MinT1Ms = 10, MaxT1Ms = 4000;

    private const string Key = SipOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>All failures, one line each; empty when the section is valid.</summary>
    public static List<string> Check(SipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.BindingFailures);

        if (string.IsNullOrWhiteSpace(options.Address))
        {
            failures.Add($"{Key}:Address is missing: the IP address to listen on, e.g. 0.0.0.0 (every IPv4 interface) or ::");
        }
        else if (!IPAddress.TryParse(options.Address.Trim(), out _))
        {
            failures.Add($"{Key}:Address = \"{options.Address}\": must be an IP address to listen on, e.g. 0.0.0.0, :: or 192.168.1.10 "
                + "(a host name belongs in Sip:AdvertisedAddress)");
        }

        bool portValid = options.Port is >= 1 and <= 65535;
        if (!portValid)
        {
            failures.Add(Line($"{Key}:Port = {options.Port}: must be between 1 and 65535 (the SIP port for UDP and TCP; 5060 is usual)"));
        }

        if (options.IsAdvertisedAddressConfigured && Uri.CheckHostName(options.AdvertisedAddress) == UriHostNameType.Unknown)
        {
            failures.Add($"{Key}:AdvertisedAddress = \"{options.AdvertisedAddress}\": must be an IP address or host name the phones can reach");
        }

        bool transportsValid = SipOptions.TryParseTransports(options.Transports, out List<SipProtocol> transports, out string? transportError);
        if (!transportsValid)
        {
            failures.Add(string.IsNullOrWhiteSpace(options.Transports)
                ? $"{Key}:Transports is missing: {transportError}"
                : $"{Key}:Transports = \"{options.Transports}\": {transportError}");
        }

        bool rtpValid = CheckRtpRange(options, failures);

        // The SIP port must not be handed out to a call's RTP socket (both are UDP).
        if (portValid && rtpValid && transportsValid && transports.Contains(SipProtocol.Udp)
            && options.Port >= options.RtpPortMin && options.Port <= options.RtpPortMax)
        {
            failures.Add(Line($"{Key}:Port = {options.Port}: lies inside the RTP range {options.RtpPortMin}..{options.RtpPortMax} ({Key}:RtpPortMin..{Key}:RtpPortMax); choose a port outside it"));
        }

        if (options.T1Ms is < MinT1Ms or > MaxT1Ms)
        {
            failures.Add(Line($"{Key}:T1Ms = {options.T1Ms}: must be between {MinT1Ms} and {MaxT1Ms} ms (RFC 3261 timer T1, the round-trip estimate; 500 is the default)"));
        }

        if (string.IsNullOrWhiteSpace(options.Realm))
        {
            failures.Add($"{Key}:Realm is missing: the digest realm agents authenticate in, e.g. \"callservice\" (the --realm of hash-password)");
        }
        else if (options.Realm.AsSpan().IndexOfAny("\"\\\r\n") >= 0)
        {
            failures.Add($"{Key}:Realm = \"{options.Realm}\": must not contain quotes, backslashes or line breaks (it is sent as a quoted string)");
        }
        return failures;
    }

    /// <returns>True when the range is valid.</returns>
    private static bool CheckRtpRange(SipOptions options, List<string> failures)
    {
        int before = failures.Count;
        bool minValid = options.RtpPortMin is >= 2 and <= 65534;
        bool maxValid = options.RtpPortMax is >= 1 and <= 65535;
        if (!minValid)
        {
            failures.Add(Line($"{Key}:RtpPortMin = {options.RtpPortMin}: must be an even port between 2 and 65534 (default 20000)"));
        }
        else if (options.RtpPortMin % 2 != 0)
        {
            // RFC 3550 11: RTP takes an even port and RTCP the next (odd) one.
            failures.Add(Line($"{Key}:RtpPortMin = {options.RtpPortMin}: must be even (RTP uses even ports, RTCP the odd port above; RFC 3550 11), e.g. {options.RtpPortMin - 1} or {options.RtpPortMin + 1}"));
        }
        if (!maxValid)
        {
            failures.Add(Line($"{Key}:RtpPortMax = {options.RtpPortMax}: must be a port between 1 and 65535 (default 29999)"));
        }
        if (!minValid || !maxValid)
        {
            return false;
        }
        if (options.RtpPortMax <= options.RtpPortMin)
        {
            failures.Add(Line($"{Key}:RtpPortMax = {options.RtpPortMax}: must be greater than {Key}:RtpPortMin = {options.RtpPortMin}"));
        }
        else if (options.RtpPortCount < MinRtpPorts)
        {
            failures.Add(Line($"{Key}:RtpPortMax = {options.RtpPortMax}: the range from {Key}:RtpPortMin = {options.RtpPortMin} holds {options.RtpPortCount} ports, at least {MinRtpPorts} are needed (e.g. {Key}:RtpPortMax = {options.RtpPortMin + MinRtpPorts - 1} or more)"));
        }
        return failures.Count == before;
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
