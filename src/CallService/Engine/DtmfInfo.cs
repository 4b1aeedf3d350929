using System.Text;
using CallService.Sip.Messages;

namespace CallService.Engine;

/// <summary>Digits sent as SIP INFO instead of RFC 4733 events: application/dtmf-relay ("Signal=1") and
/// application/dtmf ("1"), as softphones and PBXs commonly send them.</summary>
internal static class DtmfInfo
{
    public static bool TryRead(SipRequest info, out char digit)
    {
        digit = '\0';
        string type = info.ContentType?.Split(';')[0].Trim() ?? string.Empty;
        string body = Encoding.UTF8.GetString(info.Body.Span).Trim();
        string? value = null;
        if (type.Equals("application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in body.Split('\n'))
            {
                var parts = line.Split('=', 2);
                if (parts.Length == 2 && parts[0].Trim().Equals("Signal", StringComparison.OrdinalIgnoreCase))
                {
                    value = parts[1].Trim();
                }
            }
        }
        else if (type.Equals("application/dtmf", StringComparison.OrdinalIgnoreCase))
        {
            value = body;
        }
        if (value is { Length: 1 } && "0123456789*#ABCDabcd".Contains(value[0]))
        {
            digit = char.ToUpperInvariant(value[0]);
            return true;
        }
        return false;
    }
}
