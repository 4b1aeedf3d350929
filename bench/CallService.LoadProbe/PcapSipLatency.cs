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
        public long FirstInviteResponseUs = long.MaxValue;
        public long SecondInviteUs;
        public long SecondOkUs;
        public long FirstAckUs = long.MaxValue;
        public long SecondByeUs;
        public long FirstByeOkUs = long.MaxValue;
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
        var dialogs = new Dictionary<string, Dialog>(StringComparer.Ordinal);
        string? error = PcapUdp.ForEach(path, sipPort, (payload, us) => Account(dialogs, payload, us), out long packets);
        if (error is not null)
        {
            return $"sip-latency error={error}";
        }

        var latencies = new List<double>();
        var toRinging = new List<double>();
        var ringingToOk = new List<double>();
        long invites = 0, oks = 0, inviteRetrans = 0, okRetrans = 0, byeRetrans = 0, byeOkRetrans = 0, provisionalRepeats = 0, errors = 0, unanswered = 0;
        // Who a retransmission waited on: the service (its answer came after the repeat, or never) or
        // the load generator (the answer was already on the wire when it repeated: it read its socket
        // late). For a repeated 200 OK it is the other way round: the ACK came after the repeat
        // (sipp late) or before it (the service handled the ACK late).
        long serverLate = 0, clientLate = 0;
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
            Blame(d.Invites - 1, d.SecondInviteUs, d.FirstInviteResponseUs, ref serverLate, ref clientLate);
            Blame(d.Byes - 1, d.SecondByeUs, d.FirstByeOkUs, ref serverLate, ref clientLate);
            Blame(d.Oks - 1, d.SecondOkUs, d.FirstAckUs, ref clientLate, ref serverLate);
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
            $"retrans_total={inviteRetrans + okRetrans + byeRetrans + byeOkRetrans} invite_retrans={inviteRetrans} ok_retrans={okRetrans} bye_retrans={byeRetrans} bye_ok_retrans={byeOkRetrans} provisional_repeats={provisionalRepeats} retrans_waiting_on_service={serverLate} retrans_waiting_on_sipp={clientLate}");
    }

    /// <summary>
    /// Counts <paramref name="repeats"/> against whoever the first repeat (at <paramref name="repeatUs"/>)
    /// was waiting on: <paramref name="awaited"/> when the awaited message came after it (or never).
    /// </summary>
    private static void Blame(int repeats, long repeatUs, long answerUs, ref long awaited, ref long repeater)
    {
        if (repeats <= 0)
        {
            return;
        }
        if (answerUs > repeatUs)
        {
            awaited += repeats;
        }
        else
        {
            repeater += repeats;
        }
    }

    private static void Account(Dictionary<string, Dialog> dialogs, ReadOnlySpan<byte> payload, long us)
    {
        if (!CapturedSipHead.TryRead(payload, out CapturedSipHead head))
        {
            return;
        }
        if (!dialogs.TryGetValue(head.CallId, out Dialog? d))
        {
            d = new Dialog();
            dialogs[head.CallId] = d;
        }
        int code = head.StatusCode;
        if (code != 0)
        {
            if (head.CSeqMethod == "INVITE")
            {
                d.FirstInviteResponseUs = Math.Min(d.FirstInviteResponseUs, us);
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
                    else if (d.Oks == 2)
                    {
                        d.SecondOkUs = us;
                    }
                }
                else
                {
                    d.Errors++;
                }
            }
            else if (head.CSeqMethod == "BYE" && code >= 200)
            {
                d.ByeOks++;
                d.FirstByeOkUs = Math.Min(d.FirstByeOkUs, us);
            }
            return;
        }
        if (head.IsRequest("INVITE"))
        {
            if (d.Invites++ == 0)
            {
                d.FirstInviteUs = us;
            }
            else if (d.Invites == 2)
            {
                d.SecondInviteUs = us;
            }
        }
        else if (head.IsRequest("ACK"))
        {
            d.Acks++;
            d.FirstAckUs = Math.Min(d.FirstAckUs, us);
        }
        else if (head.IsRequest("BYE"))
        {
            if (++d.Byes == 2)
            {
                d.SecondByeUs = us;
            }
        }
    }
}
