using System.Globalization;
using System.Text;

namespace CallService.LoadProbe;

/// <summary>What the probe reads of a captured SIP message: its start line, Call-ID and CSeq.</summary>
internal readonly record struct CapturedSipHead(string StartLine, string CallId, long CSeqNumber, string CSeqMethod)
{
    /// <summary>The status code of a response, 0 for a request.</summary>
    public int StatusCode => StartLine.StartsWith("SIP/2.0 ", StringComparison.Ordinal)
        ? int.Parse(StartLine.AsSpan(8, 3), CultureInfo.InvariantCulture)
        : 0;

    /// <summary>True when the message is a request of this method.</summary>
    public bool IsRequest(string method) => StartLine.StartsWith(method + " ", StringComparison.Ordinal);

    /// <summary>False when the payload lacks a Call-ID or CSeq (not a SIP message we can place).</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out CapturedSipHead head)
    {
        head = default;
        int headerEnd = payload.IndexOf("\r\n\r\n"u8);
        string text = Encoding.ASCII.GetString(headerEnd > 0 ? payload[..headerEnd] : payload);
        string[] lines = text.Split("\r\n");
        string? callId = null;
        string? cseq = null;
        foreach (string line in lines.AsSpan(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            string name = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            if (name.Equals("Call-ID", StringComparison.OrdinalIgnoreCase) || name == "i")
            {
                callId = value;
            }
            else if (name.Equals("CSeq", StringComparison.OrdinalIgnoreCase))
            {
                cseq = value;
            }
        }
        if (callId is null || cseq is null)
        {
            return false;
        }
        int space = cseq.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !long.TryParse(cseq.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            return false;
        }
        head = new CapturedSipHead(lines[0], callId, number, cseq[(space + 1)..].Trim());
        return true;
    }
}
