using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallService.Sip.Dialogs;
using CallService.Sip.Messages;
using CallService.Sip.Rtp;
using CallService.Tests.Support;
using Xunit.Abstractions;

namespace CallService.Tests.Core;

/// <summary>
/// <see cref="IncomingCall.ScheduleAccept"/> over the real UDP transport, with a raw socket as the
/// caller: the 200 leaves at its instant and <see cref="IncomingCall.Accept"/> then confirms it
/// without a second copy (keeping an ACK that came first); a CANCEL before the instant withdraws it;
/// an Accept before the instant sends it at once.
/// </summary>
public sealed class ScheduledAcceptTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(10);

    /// <summary>Far enough ahead that a busy test host cannot reach the instant before the test acts first.</summary>
    private static readonly TimeSpan FarAhead = TimeSpan.FromSeconds(2);
    private readonly Socket _caller = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly TaskCompletionSource<IncomingCall> _incoming = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LibraryEndpoint _uas = null!;

    private int CallerPort => ((IPEndPoint)_caller.LocalEndPoint!).Port;

    public async Task InitializeAsync()
    {
        _caller.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        KernelReceiveTimestamp.Enable(_caller);
        _uas = await LibraryEndpoint.StartAsync();
        _uas.Stack.UserAgent.IncomingCall = call =>
        {
            call.SendProvisional(180);
            _incoming.TrySetResult(call);
        };
    }

    public async Task DisposeAsync()
    {
        _caller.Dispose();
        await _uas.DisposeAsync();
    }

    [Fact]
    public async Task The_200_leaves_at_its_instant_and_accept_confirms_it_without_a_second_copy_keeping_the_ack_that_came_first()
    {
        IncomingCall call = await RingAsync();
        (long instant, DateTimeOffset instantWall) = Ahead(TimeSpan.FromMilliseconds(500));
        Assert.True(call.ScheduleAccept(LibraryEndpoint.SimpleSdp(4000), instant));
        Assert.False(call.ScheduleAccept(LibraryEndpoint.SimpleSdp(4000), instant)); // one per call

        (SipResponse ok, DateTimeOffset arrived) = await ResponseAsync(200);
        TimeSpan error = arrived - instantWall;
        output.WriteLine($"200 arrived {error.TotalMilliseconds:0.000} ms after its instant");
        Assert.InRange(error, -Tolerance, Tolerance);
        Send(Ack(ok.To.Tag!)); // the caller acknowledges before the service has confirmed the dialog
        await Task.Delay(50); // let the ACK be received before Accept (the order this test is about)

        SipDialog? dialog = call.Accept(LibraryEndpoint.SimpleSdp(4000));
        Assert.NotNull(dialog);
        Assert.True(await dialog.Acked.WaitAsync(WaitBound), "the early ACK did not reach the dialog");
        // No 2xx retransmission (T1 = 500 ms after Accept) and no second copy from the kernel.
        Assert.False(_caller.Poll(TimeSpan.FromMilliseconds(800), SelectMode.SelectRead), "a second 200 arrived");
    }

    [Fact]
    public async Task A_cancel_before_the_instant_withdraws_the_200_and_the_caller_hears_487_only()
    {
        IncomingCall call = await RingAsync();
        (long instant, _) = Ahead(FarAhead);
        Assert.True(call.ScheduleAccept(LibraryEndpoint.SimpleSdp(4000), instant));

        Send(Cancel());
        var codes = new List<int>();
        long until = instant + Stopwatch.Frequency / 2; // half a second past the instant
        while (Stopwatch.GetTimestamp() < until && _caller.Poll(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until), SelectMode.SelectRead))
        {
            (SipResponse response, _) = await NextResponseAsync();
            if (response.CSeq.Method == SipMethod.Invite)
            {
                codes.Add(response.StatusCode);
                if (response.StatusCode == 487)
                {
                    Send(Request("ACK", "z9hG4bKsched1", response.To.Tag)); // RFC 3261 17.1.1.3: same branch as the INVITE
                }
            }
        }

        Assert.Equal([487], codes);
        Assert.Null(call.Accept(LibraryEndpoint.SimpleSdp(4000)));
    }

    [Fact]
    public async Task An_accept_before_the_instant_sends_the_200_at_once_and_nothing_leaves_at_the_instant()
    {
        IncomingCall call = await RingAsync();
        (long instant, DateTimeOffset instantWall) = Ahead(FarAhead);
        Assert.True(call.ScheduleAccept(LibraryEndpoint.SimpleSdp(4000), instant));

        SipDialog? dialog = call.Accept(LibraryEndpoint.SimpleSdp(4000)); // an agent picked up first
        Assert.NotNull(dialog);
        (SipResponse ok, DateTimeOffset arrived) = await ResponseAsync(200);
        Assert.True(arrived < instantWall - FarAhead / 2, $"the 200 waited for the instant ({(arrived - instantWall).TotalMilliseconds:0.0} ms)");
        Send(Ack(ok.To.Tag!));
        Assert.True(await dialog.Acked.WaitAsync(WaitBound));

        TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), instant) + TimeSpan.FromMilliseconds(300);
        if (_caller.Poll(wait, SelectMode.SelectRead))
        {
            (SipResponse second, DateTimeOffset secondArrived) = await NextResponseAsync();
            Assert.Fail($"a second {second.StatusCode} {second.CSeq.Method} arrived {(secondArrived - instantWall).TotalMilliseconds:0.0} ms after the instant");
        }
    }

    private async Task<IncomingCall> RingAsync()
    {
        Send(Invite());
        IncomingCall call = await _incoming.Task.WaitAsync(WaitBound);
        await ResponseAsync(180); // after the 100 Trying
        return call;
    }

    private static (long Instant, DateTimeOffset InstantWall) Ahead(TimeSpan ahead) =>
        (Stopwatch.GetTimestamp() + (long)(ahead.TotalSeconds * Stopwatch.Frequency), DateTimeOffset.UtcNow + ahead);

    private async Task<(SipResponse Response, DateTimeOffset Arrived)> ResponseAsync(int code)
    {
        while (true)
        {
            (SipResponse response, DateTimeOffset arrived) = await NextResponseAsync();
            if (response.StatusCode == code)
            {
                return (response, arrived);
            }
        }
    }

    private async Task<(SipResponse Response, DateTimeOffset Arrived)> NextResponseAsync()
    {
        var buffer = new byte[4096];
        using var bound = new CancellationTokenSource(WaitBound);
        int length = await _caller.ReceiveAsync(buffer, SocketFlags.None, bound.Token);
        Assert.True(KernelReceiveTimestamp.TryGetLast(_caller, out long microseconds), "no kernel receive time");
        SipParseResult parsed = SipParser.Parse(buffer.AsSpan(0, length));
        Assert.True(parsed.Success, $"{parsed.Error}: {parsed.Detail}");
        return ((SipResponse)parsed.Message!, DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10));
    }

    private void Send(string text) =>
        _caller.SendTo(Encoding.ASCII.GetBytes(text.ReplaceLineEndings("\r\n")), new IPEndPoint(IPAddress.Loopback, _uas.Port));

    private string Invite() => Request("INVITE", "z9hG4bKsched1", toTag: null, extra: $"Contact: <sip:caller@127.0.0.1:{CallerPort}>\n");

    private string Cancel() => Request("CANCEL", "z9hG4bKsched1", toTag: null);

    private string Ack(string toTag) => Request("ACK", "z9hG4bKsched2", toTag);

    private string Request(string method, string branch, string? toTag, string extra = "") => $"""
        {method} sip:sales@127.0.0.1:{_uas.Port} SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:{CallerPort};branch={branch};rport
        Max-Forwards: 70
        From: <sip:caller@127.0.0.1:{CallerPort}>;tag=caller1
        To: <sip:sales@127.0.0.1:{_uas.Port}>{(toTag is null ? "" : ";tag=" + toTag)}
        Call-ID: sched-{CallerPort}@127.0.0.1
        CSeq: 1 {method}
        {extra}Content-Length: 0


        """.Replace("\n\n\n", "\n\n");
}
