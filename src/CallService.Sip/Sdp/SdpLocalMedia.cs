using System.Net;

using CallService.Sip.Media;

namespace CallService.Sip.Sdp;

/// <summary>
/// Our side of the audio stream, as offer/answer needs it: where we receive RTP, the codecs we speak in
/// order of preference, RFC 4733 support and the direction we want.
/// </summary>
public sealed record SdpLocalMedia
{
    /// <summary>The address we receive RTP on (c= and o= lines).</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The port we receive RTP on (even, RFC 3550 11); RTCP is on the next one.</summary>
    public required int RtpPort { get; init; }

    /// <summary>The codecs we speak, most preferred first. Offers list them in this order; answers pick the first the offer has.</summary>
    public required IReadOnlyList<AudioCodecKind> Codecs { get; init; }

    /// <summary>
    /// The payload type we offer telephone-event under (96-127), or null when we do not do RFC 4733.
    /// When answering, any non-null value means "supported" and the offerer's number is used.
    /// </summary>
    public int? TelephoneEventPayloadType { get; init; } = SdpTelephoneEvent.DefaultPayloadType;

    /// <summary>The telephone-event events we can receive (the fmtp value), by default 0-16.</summary>
    public string TelephoneEvents { get; init; } = SdpTelephoneEvent.DefaultEvents;

    /// <summary>
    /// The direction we want: sendrecv normally, sendonly while we hold the remote (RFC 3264 8.4),
    /// inactive to stop media both ways. An answer never widens what the offer allows.
    /// </summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    /// <summary>a=ptime we ask for, in milliseconds (20 for our pacer).</summary>
    public int Ptime { get; init; } = 20;

    /// <summary>The o= username ("-" when there is none, RFC 4566 5.2).</summary>
    public string Username { get; init; } = "-";

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Address);
        ArgumentOutOfRangeException.ThrowIfLessThan(RtpPort, 1, nameof(RtpPort));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RtpPort, 65535, nameof(RtpPort));
        ArgumentNullException.ThrowIfNull(Codecs);
        if (Codecs.Count == 0)
        {
            throw new ArgumentException("At least one codec is needed.", nameof(Codecs));
        }

        // RFC 3551 3: dynamic payload types are 96-127.
        if (TelephoneEventPayloadType is { } pt && (pt < 96 || pt > 127))
        {
            throw new ArgumentOutOfRangeException(nameof(TelephoneEventPayloadType), pt, "telephone-event needs a dynamic payload type (96-127).");
        }

        if (!SdpTelephoneEvent.TryParseEvents(TelephoneEvents, out _))
        {
            throw new ArgumentException($"'{TelephoneEvents}' is not an RFC 4733 event list.", nameof(TelephoneEvents));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Ptime, 1, nameof(Ptime));
        if (string.IsNullOrEmpty(Username) || Username.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException("The o= username is one token without spaces.", nameof(Username));
        }
    }
}
