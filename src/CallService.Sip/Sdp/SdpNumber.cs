using System.Globalization;

namespace CallService.Sip.Sdp;

/// <summary>Strict decimal numbers as the SDP grammar writes them: digits only, no sign, no spaces.</summary>
internal static class SdpNumber
{
    public static bool TryParse(ReadOnlySpan<char> text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public static bool TryParse(ReadOnlySpan<char> text, int min, int max, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>An RTP payload type number (RFC 3550 5.1: 7 bits).</summary>
    public static bool TryParsePayloadType(ReadOnlySpan<char> text, out int payloadType) =>
        TryParse(text, 0, 127, out payloadType);

    /// <summary>A transport port (RFC 4566 5.14).</summary>
    public static bool TryParsePort(ReadOnlySpan<char> text, out int port) => TryParse(text, 0, 65535, out port);
}
