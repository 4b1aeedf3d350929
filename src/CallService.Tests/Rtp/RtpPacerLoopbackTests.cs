using System.Net;
using CallService.Sip.Rtp;
using Xunit.Abstractions;

namespace CallService.Tests.Rtp;

/// <summary>
/// The pacer on its real thread and clock, sending over loopback UDP to receiving sockets. The
/// assertions are on measured arrival times with tolerances wide enough for a loaded 2-core CI
/// machine (20 ms +/- 5 ms at p99), and on counts (no drift: 3 s hold 150 +/- 1 frames; no loss).
/// Arrival times are the kernel's receive stamps (on Linux), so the measure is the wire timing
/// and not how long this test's own receive loops waited for a thread on a busy machine.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class RtpPacerLoopbackTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Twenty_streams_for_three_seconds_arrive_every_20_ms_without_drift_or_loss()
    {
        const int streamCount = 20;
        const int capacity = 400;
        TimeProvider clock = TimeProvider.System;
        var arrivals = new long[streamCount][];
        var counts = new int[streamCount];
        var receivers = new RtpSocket[streamCount];
        var senders = new RtpSocket[streamCount];
        var streams = new RtpStream[streamCount];
        using var pacer = new RtpPacer(clock);
        try
        {
            for (int i = 0; i < streamCount; i++)
            {
                int index = i;
                arrivals[i] = new long[capacity];
                receivers[i] = RtpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), clock, new RtpSocketOptions { KernelTimestamps = true });
                receivers[i].Start((in RtpPacket packet, IPEndPoint remote, long arrival) =>
                {
                    int n = counts[index];
                    if (n < capacity)
                    {
                        arrivals[index][n] = arrival;
                    }

                    Volatile.Write(ref counts[index], n + 1);
                });
                senders[i] = RtpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), clock);
                streams[i] = new RtpStream(senders[i], new RtpStreamOptions(), receivers[i].LocalEndPoint);
                streams[i].SetSource(new CountingSource((byte)i));
                pacer.Add(streams[i]);
            }

            pacer.Start();
            long started = clock.GetTimestamp();

            // Run until every stream has delivered 3.2 s worth (160 frames), bounded.
            await WaitUntilAsync(() => counts.All(c => Volatile.Read(ref c) >= 160), clock);
            pacer.Stop();
            TimeSpan ran = clock.GetElapsedTime(started);

            // Everything sent arrives (loopback: no loss), then measure.
            await WaitUntilAsync(() => Enumerable.Range(0, streamCount).All(i => Volatile.Read(ref counts[i]) == streams[i].PacketsSent), clock);

            var deviations = new List<double>();
            var intervals = new List<double>();
            for (int i = 0; i < streamCount; i++)
            {
                long[] times = arrivals[i].Take(Math.Min(counts[i], capacity)).ToArray();
                for (int k = 1; k < times.Length; k++)
                {
                    double ms = (times[k] - times[k - 1]) * 1000.0 / clock.TimestampFrequency;
                    intervals.Add(ms);
                    deviations.Add(Math.Abs(ms - 20));
                }

                // No drift: the 3 s after the first arrival hold 150 frames.
                long windowEnd = times[0] + (3 * clock.TimestampFrequency);
                int inWindow = times.Count(t => t < windowEnd);
                Assert.InRange(inWindow, 149, 151);

                Assert.Equal(0, receivers[i].Statistics.Lost);
                Assert.Equal(0, receivers[i].Statistics.Duplicates);
                Assert.Equal(0, receivers[i].BadPackets);
                Assert.Equal(0, senders[i].SendErrors);
            }

            intervals.Sort();
            deviations.Sort();
            double p50 = Percentile(intervals, 0.50);
            double p99Deviation = Percentile(deviations, 0.99);
            string measured =
                $"ran {ran.TotalSeconds:F2} s; intervals: n={intervals.Count} min={intervals[0]:F2} p1={Percentile(intervals, 0.01):F2} " +
                $"p50={p50:F2} p99={Percentile(intervals, 0.99):F2} max={intervals[^1]:F2} ms; |dev| p99={p99Deviation:F2} ms; " +
                $"pacer: sent={pacer.FramesSent} late={pacer.LateFrames} skipped={pacer.SkippedFrames} maxLateness={pacer.MaxLateness.TotalMilliseconds:F2} ms; " +
                $"scheduling: {pacer.SchedulingApplied} (without real-time scheduling a heavily loaded runner can miss these bounds)";
            output.WriteLine(measured);

            Assert.True(p50 is >= 19.0 and <= 21.0, measured);
            Assert.True(p99Deviation <= 5.0, measured);
            Assert.Equal(0, pacer.SkippedFrames);
        }
        finally
        {
            pacer.Stop();
            foreach (RtpSocket? socket in receivers.Concat(senders))
            {
                socket?.Dispose();
            }
        }
    }

    [Fact]
    public async Task Dtmf_sent_over_the_paced_stream_is_detected_once_per_digit()
    {
        TimeProvider clock = TimeProvider.System;
        using RtpSocket receiver = RtpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), clock);
        using RtpSocket sender = RtpSocket.Open(new IPEndPoint(IPAddress.Loopback, 0), clock);
        var detector = new DtmfDetector(101);
        var digits = new System.Text.StringBuilder();
        var gate = new Lock();
        receiver.Statistics.JitterExcludedPayloadType = 101;
        receiver.Start((in RtpPacket packet, IPEndPoint remote, long arrival) =>
        {
            if (detector.TryDetect(packet, out DtmfEvent dtmf))
            {
                lock (gate)
                {
                    digits.Append(dtmf.Digit);
                }
            }
        });

        var stream = new RtpStream(sender, new RtpStreamOptions { TelephoneEventPayloadType = 101 }, receiver.LocalEndPoint);
        stream.SetSource(new CountingSource(1));
        using var pacer = new RtpPacer(clock);
        pacer.Add(stream);
        foreach (char digit in "123#")
        {
            Assert.True(stream.TrySendDtmf(digit, TimeSpan.FromMilliseconds(80)));
        }

        pacer.Start();
        await WaitUntilAsync(() => !stream.IsSendingDtmf, clock);
        pacer.Stop();
        await WaitUntilAsync(() => receiver.Statistics.PacketsReceived == stream.PacketsSent, clock);

        lock (gate)
        {
            Assert.Equal("123#", digits.ToString());
        }

        Assert.Equal(4 * (4 + 2), stream.DtmfPacketsSent); // per digit: 4 frames + 2 repeated end packets
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeProvider clock)
    {
        long start = clock.GetTimestamp();
        while (!condition())
        {
            Assert.True(clock.GetElapsedTime(start) < Bound, "condition not reached in time");
            await Task.Delay(20);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
