using System.Net;
using CallService.Sip.Transactions;

namespace CallService.Engine;

/// <summary>What the SIP engine needs from configuration, already checked (see Hosting for the options).</summary>
public sealed record EngineSettings
{
    public required IPAddress BindAddress { get; init; }

    public required int SipPort { get; init; }

    /// <summary>The address put in Via, Contact and SDP (c=): where peers reach us.</summary>
    public required IPAddress AdvertisedAddress { get; init; }

    public bool Udp { get; init; } = true;

    public bool Tcp { get; init; } = true;

    public int RtpPortMin { get; init; } = 20000;

    public int RtpPortMax { get; init; } = 29999;

    /// <summary>Directory of the line prompts (greeting, hold audio) named in the line options.</summary>
    public required string PromptsDirectory { get; init; }

    public SipTimerOptions Timers { get; init; } = SipTimerOptions.Default;

    /// <summary>The auto-answer's 200 OK is handed to the transport to leave at its instant (<c>Sip:TimedAnswers</c>).</summary>
    public bool TimedAnswers { get; init; } = true;
}
