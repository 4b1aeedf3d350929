using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using CallService.Sip.Messages;

namespace CallService.LoadProbe;

/// <summary>
/// A minimal SIP caller over UDP for the load probe: INVITE with a G.711 offer whose RTP port is one
/// of the receiver pool's, ACK to the 2xx (again for each retransmitted 2xx), BYE when due, 200 to
/// whatever the service asks. Timers A/B and E/F of RFC 3261 17.1 (T1 = 500 ms) with their
/// retransmissions counted. Responses are parsed with the service's own parser and stamped by the kernel.
/// </summary>
internal sealed class ProbeUac : IDisposable
{
    private const long T1Ns = 500_000_000;
    private const long T2Ns = 4_000_000_000;
    private const long TimerBNs = 64 * T1Ns;

    private readonly IPEndPoint _service;
    private readonly string _line;
    private readonly RtpReceiverPool _rtp;
    private readonly TimestampedUdpSocket _sip;
    private readonly ConcurrentDictionary<string, ProbeCall> _calls = new(StringComparer.Ordinal);
    private readonly string _host;
    private readonly int _port;
    private readonly string _tagBase = Guid.NewGuid().ToString("N")[..8];
    private long _branches;

    public ProbeUac(IPEndPoint service, string line, RtpReceiverPool rtp)
    {
        _service = service;
        _line = line;
        _rtp = rtp;
        _sip = new TimestampedUdpSocket(new IPEndPoint(IPAddress.Loopback, 0));
        _host = "127.0.0.1";
        _port = _sip.LocalEndPoint.Port;
        _sip.Start(OnDatagram, "sip-rx");
    }

    public long InviteRetransmissions;
    public long ByeRetransmissions;
    public long DuplicateFinalResponses;
    public long ServiceRequests;
    public long Unmatched;
    public long ParseFailures;

    /// <summary>When positive, each call's BYE is due this long after its 200 OK arrived.</summary>
    public long HangUpAfterAnswerNs { get; set; }

    public IReadOnlyCollection<ProbeCall> Calls => (IReadOnlyCollection<ProbeCall>)_calls.Values;

    public long SipKernelDrops => _sip.KernelDrops;

    /// <summary>Sends call number <paramref name="index"/>'s INVITE now.</summary>
    public ProbeCall Place(int index)
    {
        int socket = index % _rtp.Count;
        var call = new ProbeCall(index, $"{_tagBase}-{index}@probe", $"{_tagBase}{index}", socket, _rtp.PortOf(socket));
        string sdp =
            "v=0\r\n" +
            $"o=probe {index + 1} 1 IN IP4 {_host}\r\n" +
            "s=-\r\n" +
            $"c=IN IP4 {_host}\r\n" +
            "t=0 0\r\n" +
            $"m=audio {call.RtpPort} RTP/AVP 0 101\r\n" +
            "a=rtpmap:0 PCMU/8000\r\n" +
            "a=rtpmap:101 telephone-event/8000\r\n" +
            "a=fmtp:101 0-16\r\n" +
            "a=sendrecv\r\n";
        call.InviteBranch = NewBranch();
        string caller = (13900000000L + index).ToString(CultureInfo.InvariantCulture);
        call.Invite = Encoding.ASCII.GetBytes(
            $"INVITE sip:{_line}@{_service.Address}:{_service.Port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {_host}:{_port};branch={call.InviteBranch};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: \"load probe\" <sip:{caller}@{_host}:{_port}>;tag={call.FromTag}\r\n" +
            $"To: <sip:{_line}@{_service.Address}:{_service.Port}>\r\n" +
            $"Call-ID: {call.CallId}\r\n" +
            "CSeq: 1 INVITE\r\n" +
            $"Contact: <sip:{caller}@{_host}:{_port}>\r\n" +
            "Content-Type: application/sdp\r\n" +
            $"Content-Length: {sdp.Length}\r\n\r\n" + sdp);
        _calls[call.CallId] = call;
        lock (call)
        {
            call.InviteSentNs = Clock.NowNs();
            call.RetransmitIntervalNs = T1Ns;
            call.NextRetransmitNs = call.InviteSentNs + T1Ns;
            _sip.Send(call.Invite, _service);
        }
        return call;
    }

    /// <summary>Sends the BYE of a confirmed call now (a call still ringing is left alone).</summary>
    public void HangUp(ProbeCall call)
    {
        lock (call)
        {
            if (call.State != ProbeCallState.Confirmed)
            {
                return;
            }
            call.Bye = Encoding.ASCII.GetBytes(
                $"BYE {call.RemoteTarget} SIP/2.0\r\n" +
                $"Via: SIP/2.0/UDP {_host}:{_port};branch={NewBranch()};rport\r\n" +
                "Max-Forwards: 70\r\n" +
                $"From: \"load probe\" <sip:probe@{_host}:{_port}>;tag={call.FromTag}\r\n" +
                $"To: <sip:{_line}@{_service.Address}:{_service.Port}>;tag={call.ToTag}\r\n" +
                $"Call-ID: {call.CallId}\r\n" +
                "CSeq: 2 BYE\r\n" +
                "Content-Length: 0\r\n\r\n");
            call.State = ProbeCallState.Terminating;
            call.ByeSentNs = Clock.NowNs();
            call.RetransmitIntervalNs = T1Ns;
            call.NextRetransmitNs = call.ByeSentNs + T1Ns;
            _sip.Send(call.Bye, _service);
        }
    }

    /// <summary>Timers: INVITE and BYE retransmissions (A, E), their timeouts (B, F), BYEs that are due.</summary>
    public void Tick(long nowNs)
    {
        foreach (ProbeCall call in _calls.Values)
        {
            if (call.State is ProbeCallState.Done or ProbeCallState.Failed)
            {
                continue;
            }
            if (call.State == ProbeCallState.Confirmed && nowNs >= call.ByeDueNs)
            {
                HangUp(call);
                continue;
            }
            lock (call)
            {
                switch (call.State)
                {
                    case ProbeCallState.Inviting when nowNs >= call.NextRetransmitNs:
                        if (nowNs - call.InviteSentNs >= TimerBNs)
                        {
                            Fail(call, "timer B: no response to the INVITE");
                            break;
                        }
                        _sip.Send(call.Invite, _service);
                        Interlocked.Increment(ref InviteRetransmissions);
                        call.RetransmitIntervalNs *= 2; // RFC 3261 17.1.1.2 timer A doubles
                        call.NextRetransmitNs = nowNs + call.RetransmitIntervalNs;
                        break;
                    case ProbeCallState.Early when nowNs - call.InviteSentNs >= 300_000_000_000L:
                        Fail(call, "no final response within 300 s");
                        break;
                    case ProbeCallState.Terminating when nowNs >= call.NextRetransmitNs:
                        if (nowNs - call.ByeSentNs >= TimerBNs)
                        {
                            Fail(call, "timer F: no response to the BYE");
                            break;
                        }
                        _sip.Send(call.Bye!, _service);
                        Interlocked.Increment(ref ByeRetransmissions);
                        call.RetransmitIntervalNs = Math.Min(call.RetransmitIntervalNs * 2, T2Ns); // 17.1.2.2 timer E
                        call.NextRetransmitNs = nowNs + call.RetransmitIntervalNs;
                        break;
                }
            }
        }
    }

    public void Dispose() => _sip.Dispose();

    private static void Fail(ProbeCall call, string why)
    {
        call.State = ProbeCallState.Failed;
        call.FailReason = why;
    }

    private string NewBranch() => "z9hG4bK" + _tagBase + Interlocked.Increment(ref _branches).ToString(CultureInfo.InvariantCulture);

    private void OnDatagram(ReadOnlySpan<byte> data, uint address, int port, long ns)
    {
        SipParseResult parsed = SipParser.Parse(data);
        if (!parsed.Success)
        {
            Interlocked.Increment(ref ParseFailures);
            return;
        }
        if (parsed.Request is { } request)
        {
            OnRequest(request, data, port);
            return;
        }
        SipResponse response = parsed.Response!;
        if (!_calls.TryGetValue(response.CallId, out ProbeCall? call))
        {
            Interlocked.Increment(ref Unmatched);
            return;
        }
        lock (call)
        {
            if (response.CSeq.Method == SipMethod.Invite)
            {
                OnInviteResponse(call, response, ns);
            }
            else if (response.CSeq.Method == SipMethod.Bye && response.StatusCode >= 200)
            {
                if (call.State == ProbeCallState.Terminating)
                {
                    call.State = ProbeCallState.Done;
                    call.ByeOkNs = ns;
                }
                else
                {
                    Interlocked.Increment(ref DuplicateFinalResponses);
                }
            }
        }
    }

    private void OnInviteResponse(ProbeCall call, SipResponse response, long ns)
    {
        if (call.FirstResponseNs == 0)
        {
            call.FirstResponseNs = ns;
        }
        if (response.StatusCode < 200)
        {
            if (call.State == ProbeCallState.Inviting)
            {
                call.State = ProbeCallState.Early; // RFC 3261 17.1.1.2: a provisional response stops timer A
            }
            if (response.StatusCode == 183 && call.EarlyMediaNs == 0)
            {
                call.EarlyMediaNs = ns;
                call.ServiceRtpPort = AudioPort(response.Body.Span);
            }
            return;
        }
        if (response.StatusCode >= 300)
        {
            if (call.FinalStatus == 0)
            {
                call.FinalStatus = response.StatusCode;
                Fail(call, $"{response.StatusCode} {response.ReasonPhrase}");
            }
            else
            {
                Interlocked.Increment(ref DuplicateFinalResponses);
            }
            // RFC 3261 17.1.1.3: the ACK of a non-2xx goes in the INVITE's transaction (same branch).
            _sip.Send(Encoding.ASCII.GetBytes(
                $"ACK sip:{_line}@{_service.Address}:{_service.Port} SIP/2.0\r\n" +
                $"Via: SIP/2.0/UDP {_host}:{_port};branch={call.InviteBranch};rport\r\n" +
                "Max-Forwards: 70\r\n" +
                $"From: \"load probe\" <sip:probe@{_host}:{_port}>;tag={call.FromTag}\r\n" +
                $"To: <sip:{_line}@{_service.Address}:{_service.Port}>;tag={response.To.Tag}\r\n" +
                $"Call-ID: {call.CallId}\r\n" +
                "CSeq: 1 ACK\r\n" +
                "Content-Length: 0\r\n\r\n"), _service);
            return;
        }
        if (call.OkNs != 0)
        {
            // The service retransmits its 2xx until our ACK arrives (RFC 3261 13.3.1.4): ACK again.
            Interlocked.Increment(ref DuplicateFinalResponses);
            if (call.Ack is not null)
            {
                _sip.Send(call.Ack, _service);
            }
            return;
        }
        call.OkNs = ns;
        call.FinalStatus = response.StatusCode;
        call.ToTag = response.To.Tag;
        call.RemoteTarget = response.Contacts.Count > 0 ? response.Contacts[0].Uri.ToString() : $"sip:{_line}@{_service.Address}:{_service.Port}";
        if (call.ServiceRtpPort == 0)
        {
            call.ServiceRtpPort = AudioPort(response.Body.Span);
        }
        // RFC 3261 13.2.2.4: the ACK of a 2xx is its own transaction (new branch), to the remote target.
        call.Ack = Encoding.ASCII.GetBytes(
            $"ACK {call.RemoteTarget} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {_host}:{_port};branch={NewBranch()};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: \"load probe\" <sip:probe@{_host}:{_port}>;tag={call.FromTag}\r\n" +
            $"To: <sip:{_line}@{_service.Address}:{_service.Port}>;tag={call.ToTag}\r\n" +
            $"Call-ID: {call.CallId}\r\n" +
            "CSeq: 1 ACK\r\n" +
            "Content-Length: 0\r\n\r\n");
        _sip.Send(call.Ack, _service);
        if (call.State is ProbeCallState.Inviting or ProbeCallState.Early)
        {
            call.State = ProbeCallState.Confirmed;
            if (HangUpAfterAnswerNs > 0)
            {
                call.ByeDueNs = ns + HangUpAfterAnswerNs;
            }
        }
    }

    private void OnRequest(SipRequest request, ReadOnlySpan<byte> raw, int port)
    {
        Interlocked.Increment(ref ServiceRequests);
        if (request.Method == SipMethod.Ack)
        {
            return;
        }
        if (request.Method == SipMethod.Bye && _calls.TryGetValue(request.CallId, out ProbeCall? call))
        {
            lock (call)
            {
                call.State = ProbeCallState.Done;
                call.EndedByService = true;
            }
        }
        // 200 OK echoing Via, From, To, Call-ID and CSeq (RFC 3261 8.2.6.2), adding our To tag if missing.
        var ok = new StringBuilder("SIP/2.0 200 OK\r\n");
        foreach (string line in Encoding.ASCII.GetString(raw).Split("\r\n"))
        {
            if (line.Length == 0)
            {
                break;
            }
            string name = line[..Math.Max(0, line.IndexOf(':', StringComparison.Ordinal))].Trim().ToUpperInvariant();
            if (name is "VIA" or "V" or "FROM" or "F" or "CALL-ID" or "I" or "CSEQ")
            {
                ok.Append(line).Append("\r\n");
            }
            else if (name is "TO" or "T")
            {
                ok.Append(line).Append(line.Contains(";tag=", StringComparison.Ordinal) ? "" : ";tag=" + _tagBase).Append("\r\n");
            }
        }
        ok.Append("Content-Length: 0\r\n\r\n");
        _sip.Send(Encoding.ASCII.GetBytes(ok.ToString()), new IPEndPoint(_service.Address, port));
    }

    /// <summary>The port of the first m=audio line of an SDP body, or 0.</summary>
    private static int AudioPort(ReadOnlySpan<byte> sdp)
    {
        string text = Encoding.ASCII.GetString(sdp);
        int at = text.IndexOf("m=audio ", StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }
        int start = at + 8;
        int end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }
        return int.TryParse(text.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out int port) ? port : 0;
    }
}
