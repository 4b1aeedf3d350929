using System.Buffers.Binary;
using System.Text;

namespace CallService.LoadProbe;

/// <summary>
/// INVITE -> 200 OK latency and SIP retransmissions from a capture of the service's SIP port
/// (`tcpdump -i lo -w FILE udp port P`): kernel capture times, so neither sipp's 4 ms tick nor its
/// scheduling delays enter the figures. Per Call-ID: first INVITE, first 200 to it, and how often
/// each message was seen (a repeat is a retransmission).
/// </summary>
internal static class PcapSipLatency
{
    private sealed class Dialog
    {
        public long FirstInviteUs;
        public long FirstOkUs;
        public long First18xUs;
        public int Invites;
        public int Oks;
        public int Provisionals100;
        public int Provisionals18x;
        public int Acks;
        public int Byes;
        public int ByeOks;
        public int Errors;
    }

    public static string Run(string path, int sipPort)
    {
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < 24)
        {
            return "sip-latency error=empty-capture";
        }
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool nanos = magic == 0xa1b23c4d;
        if (magic != 0xa1b2c3d4 && !nanos)
        {
            return "sip-latency error=not-a-little-endian-pcap";
        }
        uint linkType = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20));
        int linkHeader = linkType switch
        {
            0 => 4,     // BSD loopback
            1 => 14,    // Ethernet (Linux lo)
            113 => 16,  // Linux cooked v1
            276 => 20,  // Linux cooked v2
            _ => -1,
        };
        if (linkHeader < 0)
        {
            return $"sip-latency error=link-type-{linkType}";
        }
        var dialogs = new Dictionary<string, Dialog>(StringComparer.Ordinal);
        long packets = 0;
        for (int at = 24; at + 16 <= file.Length;)
        {
            long seconds = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));
            long fraction = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4));
            int captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8));
            long us = (seconds * 1_000_000) + (nanos ? fraction / 1000 : fraction);
            ReadOnlySpan<byte> frame = file.AsSpan(at + 16, Math.Min(captured, file.Length - at - 16));
            at += 16 + captured;
            if (frame.Length < linkHeader + 28)
            {
                continue;
            }
            ReadOnlySpan<byte> ip = frame[linkHeader..];
            if ((ip[0] >> 4) != 4 || ip[9] != 17)
            {
                continue; // IPv4 UDP only
            }
            int ihl = (ip[0] & 0x0f) * 4;
            ReadOnlySpan<byte> udp = ip[ihl..];
            int source = BinaryPrimitives.ReadUInt16BigEndian(udp);
            int destination = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
            if (source != sipPort && destination != sipPort)
            {
                continue;
            }
            packets++;
            Account(dialogs, udp[8..], us);
        }

        var latencies = new List<double>();
        var toRinging = new List<double>();
        var ringingToOk = new List<double>();
        long invites = 0, oks = 0, inviteRetrans = 0, okRetrans = 0, byeRetrans = 0, byeOkRetrans = 0, provisionalRepeats = 0, errors = 0, unanswered = 0;
        foreach (Dialog d in dialogs.Values)
        {
            if (d.Invites == 0)
            {
                continue;
            }
            invites++;
            inviteRetrans += Math.Max(0, d.Invites - 1);
            okRetrans += Math.Max(0, d.Oks - 1);
            byeRetrans += Math.Max(0, d.Byes - 1);
            byeOkRetrans += Math.Max(0, d.ByeOks - 1);
            provisionalRepeats += Math.Max(0, d.Provisionals100 - 1) + Math.Max(0, d.Provisionals18x - 1);
            errors += d.Errors;
            if (d.Oks > 0)
            {
                oks++;
                latencies.Add((d.FirstOkUs - d.FirstInviteUs) / 1000.0);
                if (d.Provisionals18x > 0 && d.First18xUs <= d.FirstOkUs)
                {
                    toRinging.Add((d.First18xUs - d.FirstInviteUs) / 1000.0);
                    ringingToOk.Add((d.FirstOkUs - d.First18xUs) / 1000.0);
                }
            }
            else
            {
                unanswered++;
            }
        }
        latencies.Sort();
        toRinging.Sort();
        ringingToOk.Sort();
        double mean = latencies.Count > 0 ? latencies.Average() : double.NaN;
        return FormattableString.Invariant(
            $"sip-latency packets={packets} invites={invites} answered={oks} unanswered={unanswered} error_responses={errors} ") +
            FormattableString.Invariant(
            $"invite_to_200_ms mean={mean:F2} p50={Quantiles.Of(latencies, 0.5):F2} p90={Quantiles.Of(latencies, 0.9):F2} p99={Quantiles.Of(latencies, 0.99):F2} max={(latencies.Count > 0 ? latencies[^1] : double.NaN):F2} ") +
            FormattableString.Invariant(
            $"invite_to_18x_ms p50={Quantiles.Of(toRinging, 0.5):F2} p99={Quantiles.Of(toRinging, 0.99):F2} 18x_to_200_ms p50={Quantiles.Of(ringingToOk, 0.5):F2} p99={Quantiles.Of(ringingToOk, 0.99):F2} ") +
            FormattableString.Invariant(
            $"retrans_total={inviteRetrans + okRetrans + byeRetrans + byeOkRetrans} invite_retrans={inviteRetrans} ok_retrans={okRetrans} bye_retrans={byeRetrans} bye_ok_retrans={byeOkRetrans} provisional_repeats={provisionalRepeats}");
    }

    private static void Account(Dictionary<string, Dialog> dialogs, ReadOnlySpan<byte> payload, long us)
    {
        int headerEnd = payload.IndexOf("\r\n\r\n"u8);
        string head = Encoding.ASCII.GetString(headerEnd > 0 ? payload[..headerEnd] : payload);
        string[] lines = head.Split("\r\n");
        string? callId = null;
        string? cseqMethod = null;
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
                cseqMethod = value[(value.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        if (callId is null || cseqMethod is null)
        {
            return;
        }
        if (!dialogs.TryGetValue(callId, out Dialog? d))
        {
            d = new Dialog();
            dialogs[callId] = d;
        }
        string start = lines[0];
        if (start.StartsWith("SIP/2.0 ", StringComparison.Ordinal))
        {
            int code = int.Parse(start.AsSpan(8, 3), System.Globalization.CultureInfo.InvariantCulture);
            if (cseqMethod == "INVITE")
            {
                if (code == 100)
                {
                    d.Provisionals100++;
                }
                else if (code is > 100 and < 200)
                {
                    if (d.Provisionals18x++ == 0)
                    {
                        d.First18xUs = us;
                    }
                }
                else if (code is >= 200 and < 300)
                {
                    if (d.Oks++ == 0)
                    {
                        d.FirstOkUs = us;
                    }
                }
                else
                {
                    d.Errors++;
                }
            }
            else if (cseqMethod == "BYE" && code >= 200)
            {
                d.ByeOks++;
            }
            return;
        }
        if (start.StartsWith("INVITE ", StringComparison.Ordinal))
        {
            if (d.Invites++ == 0)
            {
                d.FirstInviteUs = us;
            }
        }
        else if (start.StartsWith("ACK ", StringComparison.Ordinal))
        {
            d.Acks++;
        }
        else if (start.StartsWith("BYE ", StringComparison.Ordinal))
        {
            d.Byes++;
        }
    }
}
