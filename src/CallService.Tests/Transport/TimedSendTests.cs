using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CallService.Sip.Rtp;
using Xunit.Abstractions;
using static CallService.Sip.Transport.TransportTestKit;

namespace CallService.Sip.Transport;

/// <summary>
/// <see cref="SipTransportManager.TrySendAt"/>: a datagram handed to the kernel ahead of time leaves
/// at its instant (io_uring on Linux, which CI and the product run on), is withdrawn while it has not
/// left, and says so when it has.
/// </summary>
public sealed class TimedSendTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(5);

    /// <summary>Far enough ahead that a busy test host cannot reach the instant before the test withdraws the datagram.</summary>
    private static readonly TimeSpan FarAhead = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_datagram_timed_for_an_instant_inside_a_garbage_collection_leaves_at_that_instant()
    {
        await using SipTransportManager transport = await StartAsync(Udp("127.0.0.1"));
        using Socket receiver = Receiver();
        object[] heap = Heap(); // enough live objects for a compacting collection of 100 ms or more

        // The collection must cover the instant. A busy host can preempt this thread between the spin
        // and the collection so that it starts too late: that attempt proves nothing, and another is made.
        for (int attempt = 1; ; attempt++)
        {
            (ScheduledDatagram scheduled, long instant, DateTimeOffset instantWall) = Schedule(transport, receiver, TimeSpan.FromMilliseconds(300));
            await HandedToTheKernelAsync(scheduled);
            while (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), instant) > TimeSpan.FromMilliseconds(20))
            {
                Thread.SpinWait(100); // the collection starts 20 ms before the instant
            }
            long pauseStart = Stopwatch.GetTimestamp();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true); // every managed thread stops
            long pauseEnd = Stopwatch.GetTimestamp();
            GC.KeepAlive(heap);

            double pauseMs = Stopwatch.GetElapsedTime(pauseStart, pauseEnd).TotalMilliseconds;
            double coveredMs = Stopwatch.GetElapsedTime(instant, pauseEnd).TotalMilliseconds;
            output.WriteLine($"attempt {attempt}: collection {pauseMs:0.0} ms, still paused {coveredMs:0.0} ms after the instant");
            TimeSpan error = await ArrivalAsync(receiver) - instantWall;
            output.WriteLine($"arrived {error.TotalMilliseconds:0.000} ms after the instant");
            if (pauseStart < instant && coveredMs > 10)
            {
                Assert.InRange(error, -Tolerance, Tolerance);
                Assert.False(scheduled.TryCancel()); // it has left
                return;
            }
            Assert.True(attempt < 3,
                $"in {attempt} attempts the collection never held the process across the instant (last: {pauseMs:0.0} ms, ending {coveredMs:0.0} ms after it)");
        }
    }

    [Fact]
    public async Task A_datagram_withdrawn_before_its_instant_never_leaves()
    {
        await using SipTransportManager transport = await StartAsync(Udp("127.0.0.1"));
        using Socket receiver = Receiver();
        (ScheduledDatagram scheduled, long instant, _) = Schedule(transport, receiver, FarAhead);
        await HandedToTheKernelAsync(scheduled);

        Assert.True(scheduled.TryCancel(), Describe(scheduled));
        Assert.True(scheduled.TryCancel()); // asking again gives the same answer

        // Nothing until well after the instant.
        TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), instant) + TimeSpan.FromMilliseconds(300);
        Assert.False(receiver.Poll(wait, SelectMode.SelectRead), "a withdrawn datagram arrived");
    }

    [Fact]
    public async Task A_datagram_withdrawn_while_still_queued_for_the_kernel_never_leaves_and_one_already_sent_says_so()
    {
        await using SipTransportManager transport = await StartAsync(Udp("127.0.0.1"));
        using Socket receiver = Receiver();
        (ScheduledDatagram early, _, DateTimeOffset earlyWall) = Schedule(transport, receiver, TimeSpan.FromMilliseconds(20));
        (ScheduledDatagram withdrawn, long instant, _) = Schedule(transport, receiver, FarAhead);
        Assert.True(withdrawn.TryCancel()); // at once: queued or in the kernel, either way it is withdrawn

        TimeSpan late = await ArrivalAsync(receiver) - earlyWall;
        output.WriteLine($"the other one arrived {late.TotalMilliseconds:0.000} ms after its instant");
        Assert.InRange(late, -Tolerance, Tolerance);
        Assert.False(early.TryCancel());
        TimeSpan wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), instant) + TimeSpan.FromMilliseconds(300);
        Assert.False(receiver.Poll(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, SelectMode.SelectRead), "the withdrawn datagram arrived");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task A_timed_datagram_reaches_its_peer_at_its_instant_over_either_family(string address)
    {
        if (!RequireFamily(address))
        {
            return;
        }
        await using SipTransportManager transport = await StartAsync(Udp(address));
        using Socket receiver = Receiver(IPAddress.Parse(address));
        (ScheduledDatagram scheduled, _, DateTimeOffset instantWall) = Schedule(transport, receiver, TimeSpan.FromMilliseconds(50));

        TimeSpan error = await ArrivalAsync(receiver) - instantWall;
        Assert.InRange(error, -Tolerance, Tolerance);
        Assert.False(scheduled.TryCancel());
    }

    [Fact]
    public async Task Tcp_destinations_and_a_stopped_transport_are_not_timed_and_the_caller_sends_itself()
    {
        SipTransportManager transport = await StartAsync(Udp("127.0.0.1"));
        long instant = Stopwatch.GetTimestamp();
        Assert.Null(transport.TrySendAt(Ascii("x"), Tcp("127.0.0.1", 5999), instant));
        await transport.DisposeAsync();
        Assert.Null(transport.TrySendAt(Ascii("x"), Udp("127.0.0.1", 5999), instant));
    }

    private static string Describe(ScheduledDatagram d) =>
        $"state {d.State}, removal {d.RemoveResult?.ToString() ?? "none"}, timeout done {d.TimeoutDone}, send done {d.SendDone}";

    private static Socket Receiver(IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        var receiver = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(address, 0));
        KernelReceiveTimestamp.Enable(receiver);
        return receiver;
    }

    private static (ScheduledDatagram Scheduled, long Instant, DateTimeOffset InstantWall) Schedule(SipTransportManager transport, Socket receiver, TimeSpan ahead)
    {
        long instant = Stopwatch.GetTimestamp() + (long)(ahead.TotalSeconds * Stopwatch.Frequency);
        DateTimeOffset instantWall = DateTimeOffset.UtcNow + ahead;
        var destination = new SipEndPoint(SipProtocol.Udp, (IPEndPoint)receiver.LocalEndPoint!);
        ScheduledDatagram? scheduled = transport.TrySendAt(Ascii("OPTIONS sip:timed@127.0.0.1 SIP/2.0\r\n\r\n"), destination, instant);
        Assert.NotNull(scheduled); // Linux with io_uring: the machines this product and its CI run on
        return (scheduled, instant, instantWall);
    }

    /// <summary>The sender's own thread submits it within a millisecond or so; the test pauses the process only after that.</summary>
    private static Task HandedToTheKernelAsync(ScheduledDatagram scheduled) =>
        EventuallyAsync(() => scheduled.State != ScheduledDatagramState.Queued, "the datagram handed to the kernel");

    private static async Task<DateTimeOffset> ArrivalAsync(Socket receiver)
    {
        var buffer = new byte[2048];
        using var bound = new CancellationTokenSource(WaitBound);
        await receiver.ReceiveAsync(buffer, SocketFlags.None, bound.Token);
        Assert.True(KernelReceiveTimestamp.TryGetLast(receiver, out long microseconds), "no kernel receive time");
        return DateTimeOffset.FromUnixTimeMilliseconds(0).AddTicks(microseconds * 10);
    }

    private static object[] Heap()
    {
        // 3 million small linked objects, every other one kept: the collection marks and compacts them all.
        var kept = new object[1_500_000];
        for (int i = 0; i < kept.Length; i++)
        {
            kept[i] = new Node(new Node(null));
            _ = new Node(null);
        }
        return kept;
    }

    private sealed class Node(Node? next)
    {
        public Node? Next { get; } = next;
    }
}
