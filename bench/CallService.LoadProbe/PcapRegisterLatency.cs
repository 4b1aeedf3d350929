namespace CallService.LoadProbe;

/// <summary>
/// Registration latency and retransmissions from a capture of the registrar's SIP port: per Call-ID
/// (one phone's REGISTER exchange, RFC 3261 10.2), the first unauthenticated REGISTER, the 401
/// challenge, the REGISTER with credentials and its 200 OK. A request or response seen again with
/// the same CSeq is a retransmission.
/// </summary>
internal static class PcapRegisterLatency
{
    private sealed class Exchange
    {
        public long FirstRegisterUs = -1;
        public long ChallengeUs = -1;
        public long AuthorizedRegisterUs = -1;
        public long OkUs = -1;
        public readonly Dictionary<long, int> Requests = [];
        public readonly Dictionary<(long, int), int> Responses = [];
        public int Failures;
    }

    public static string Run(string path, int sipPort)
    {
        var exchanges = new Dictionary<string, Exchange>(StringComparer.Ordinal);
        string? error = PcapUdp.ForEach(path, sipPort, (payload, us) => Account(exchanges, payload, us), out long packets);
        if (error is not null)
        {
            return $"register-latency error={error}";
        }

        var challenge = new List<double>();
        var authorized = new List<double>();
        var whole = new List<double>();
        long registered = 0, failures = 0, requestRetrans = 0, responseRetrans = 0;
        foreach (Exchange e in exchanges.Values)
        {
            if (e.FirstRegisterUs < 0)
            {
                continue;
            }
            requestRetrans += e.Requests.Values.Sum(n => n - 1);
            responseRetrans += e.Responses.Values.Sum(n => n - 1);
            failures += e.Failures;
            if (e.ChallengeUs >= 0)
            {
                challenge.Add((e.ChallengeUs - e.FirstRegisterUs) / 1000.0);
            }
            if (e.OkUs >= 0)
            {
                registered++;
                whole.Add((e.OkUs - e.FirstRegisterUs) / 1000.0);
                if (e.AuthorizedRegisterUs >= 0)
                {
                    authorized.Add((e.OkUs - e.AuthorizedRegisterUs) / 1000.0);
                }
            }
        }
        challenge.Sort();
        authorized.Sort();
        whole.Sort();
        return FormattableString.Invariant(
            $"register-latency packets={packets} phones={exchanges.Count} registered={registered} error_responses={failures} ") +
            FormattableString.Invariant(
            $"register_to_401_ms p50={Quantiles.Of(challenge, 0.5):F2} p99={Quantiles.Of(challenge, 0.99):F2} max={Max(challenge):F2} ") +
            FormattableString.Invariant(
            $"authorized_register_to_200_ms p50={Quantiles.Of(authorized, 0.5):F2} p99={Quantiles.Of(authorized, 0.99):F2} max={Max(authorized):F2} ") +
            FormattableString.Invariant(
            $"exchange_ms p50={Quantiles.Of(whole, 0.5):F2} p99={Quantiles.Of(whole, 0.99):F2} max={Max(whole):F2} ") +
            FormattableString.Invariant(
            $"retrans_total={requestRetrans + responseRetrans} register_retrans={requestRetrans} response_retrans={responseRetrans}");
    }

    private static double Max(List<double> sorted) => sorted.Count > 0 ? sorted[^1] : double.NaN;

    private static void Account(Dictionary<string, Exchange> exchanges, ReadOnlySpan<byte> payload, long us)
    {
        if (!CapturedSipHead.TryRead(payload, out CapturedSipHead head) || head.CSeqMethod != "REGISTER")
        {
            return;
        }
        if (!exchanges.TryGetValue(head.CallId, out Exchange? e))
        {
            e = new Exchange();
            exchanges[head.CallId] = e;
        }
        int code = head.StatusCode;
        if (code == 0)
        {
            int seen = e.Requests[head.CSeqNumber] = e.Requests.GetValueOrDefault(head.CSeqNumber) + 1;
            if (seen > 1)
            {
                return;
            }
            if (e.FirstRegisterUs < 0)
            {
                e.FirstRegisterUs = us;
            }
            else if (e.AuthorizedRegisterUs < 0)
            {
                e.AuthorizedRegisterUs = us;
            }
            return;
        }
        if (code < 200)
        {
            return;
        }
        int times = e.Responses[(head.CSeqNumber, code)] = e.Responses.GetValueOrDefault((head.CSeqNumber, code)) + 1;
        if (times > 1)
        {
            return;
        }
        if (code is 401 or 407)
        {
            e.ChallengeUs = e.ChallengeUs < 0 ? us : e.ChallengeUs;
        }
        else if (code is >= 200 and < 300)
        {
            e.OkUs = e.OkUs < 0 ? us : e.OkUs;
        }
        else
        {
            e.Failures++;
        }
    }
}
