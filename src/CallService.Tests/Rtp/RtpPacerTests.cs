using System.Net;
using CallService.Sip.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Rtp;

public class RtpPacerTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private readonly FakeTimeProvider _clock = new();
    private readonly TimedSender _sender;

    public RtpPacerTests() => _sender = new TimedSender(_clock);

    private RtpPacer CreatePacer(int slots = 1, int maxBehindFrames = 5) =>
        new(_clock, new RtpPacerOptions { Slots = slots, MaxBehindFrames = maxBehindFrames, EarlyTolerance = TimeSpan.Zero });

    private RtpStream CreateStream(uint ssrc, int port = 40000)
    {
        var stream = new RtpStream(_sender, new RtpStreamOptions { Ssrc = ssrc, InitialSequenceNumber = 100, InitialTimestamp = 1000 }, new IPEndPoint(IPAddress.Loopback, port));
        stream.SetSource(new CountingSource((byte)ssrc));
        return stream;
    }

    private long Now => _clock.GetTimestamp();

    private long At(long start, TimeSpan offset) => start + (long)(offset.TotalSeconds * _clock.TimestampFrequency);

    private long RunAt(RtpPacer pacer, long start, TimeSpan offset)
    {
        _clock.Advance(At(start, offset) - Now is var ticks && ticks > 0 ? TimeSpan.FromSeconds((double)ticks / _clock.TimestampFrequency) : TimeSpan.Zero);
        return pacer.RunOnce(Now);
    }

    [Fact]
    public void Deadlines_are_absolute_from_the_start()
    {
        using RtpPacer pacer = CreatePacer();
        pacer.Add(CreateStream(1));
        long start = Now;

        Assert.Equal(At(start, 20 * Ms), pacer.RunOnce(start)); // frame 0 at start
        Assert.Equal(At(start, 20 * Ms), RunAt(pacer, start, 5 * Ms)); // too early: nothing
        Assert.Equal(1, pacer.FramesSent);
        Assert.Equal(At(start, 40 * Ms), RunAt(pacer, start, 20 * Ms));

        // Woken 1.5 ms late: sent (within the late threshold); the next deadline does not slide.
        Assert.Equal(At(start, 60 * Ms), RunAt(pacer, start, 41.5 * Ms));
        Assert.Equal(3, pacer.FramesSent);
        Assert.Equal(0, pacer.LateFrames);
        Assert.Equal([0L, 20L, 41L], _sender.SendTimes.Select(t => (long)((t - start) * 1000 / _clock.TimestampFrequency)));
    }

    [Fact]
    public void Late_frames_are_sent_at_once_counted_and_the_schedule_kept()
    {
        using RtpPacer pacer = CreatePacer();
        RtpStream stream = CreateStream(1);
        pacer.Add(stream);
        long start = Now;
        pacer.RunOnce(start);

        // 3 ms late (threshold 2 ms): counted late, next deadline still start + 40 ms.
        Assert.Equal(At(start, 40 * Ms), RunAt(pacer, start, 23 * Ms));
        Assert.Equal(1, pacer.LateFrames);
        Assert.Equal(3 * Ms, pacer.MaxLateness);

        // 65 ms after frame 1's deadline: frames 2..5 are due (within MaxBehindFrames) and go out now, in order.
        Assert.Equal(At(start, 120 * Ms), RunAt(pacer, start, 105 * Ms));
        Assert.Equal(6, pacer.FramesSent);
        Assert.Equal(0, pacer.SkippedFrames);
        Assert.Equal(5, pacer.LateFrames); // frame 1 (3 ms late), then frames 2-5 (65, 45, 25 and 5 ms late)
        Assert.Equal(Enumerable.Range(0, 6).Select(i => 1000u + (160u * (uint)i)), Enumerable.Range(0, 6).Select(i => _sender.Headers[i].Timestamp));
    }

    [Fact]
    public void Behind_by_more_than_n_frames_skips_ahead_and_timestamps_follow_wall_time()
    {
        using RtpPacer pacer = CreatePacer(maxBehindFrames: 5);
        RtpStream stream = CreateStream(1);
        pacer.Add(stream);
        long start = Now;
        pacer.RunOnce(start); // frame 0

        // A 210 ms stall: frame 1 was due at 20 ms, we are 190 ms behind (> 5 frames). Frames 1..9 are
        // skipped; frame 10 (due 200 ms) is sent now; the schedule continues at 220 ms.
        Assert.Equal(At(start, 220 * Ms), RunAt(pacer, start, 210 * Ms));
        Assert.Equal(9, pacer.SkippedFrames);
        Assert.Equal(2, pacer.FramesSent);
        RtpHeader resumed = _sender.Headers[1];
        Assert.Equal(1000u + (10 * 160), resumed.Timestamp); // timestamp kept pace with wall time
        Assert.Equal(101, resumed.SequenceNumber); // no packets were lost, none sent
        Assert.True(resumed.Marker);

        RunAt(pacer, start, 220 * Ms);
        Assert.Equal(1000u + (11 * 160), _sender.Headers[2].Timestamp);
        Assert.False(_sender.Headers[2].Marker);
    }

    [Fact]
    public void Streams_added_and_removed_while_running()
    {
        using RtpPacer pacer = CreatePacer();
        RtpStream a = CreateStream(1);
        RtpStream b = CreateStream(2);
        pacer.Add(a);
        long start = Now;
        pacer.RunOnce(start);
        RunAt(pacer, start, 20 * Ms);

        pacer.Add(b); // queued: applied on the next tick
        Assert.Equal(1, pacer.StreamCount);
        RunAt(pacer, start, 40 * Ms);
        Assert.Equal(2, pacer.StreamCount);

        pacer.Remove(a);
        RunAt(pacer, start, 60 * Ms);
        RunAt(pacer, start, 80 * Ms);
        Assert.Equal(1, pacer.StreamCount);

        Assert.Equal(3, _sender.Headers.Count(h => h.Ssrc == 1)); // 0, 20, 40
        Assert.Equal(3, _sender.Headers.Count(h => h.Ssrc == 2)); // 40, 60, 80
        Assert.Equal(1000u, _sender.Headers.First(h => h.Ssrc == 2).Timestamp);

        // Re-adding continues the same stream; closing drops it.
        pacer.Add(a);
        RunAt(pacer, start, 100 * Ms);
        Assert.Equal(2, pacer.StreamCount);
        Assert.Equal(1000u + (3 * 160), _sender.Headers.Where(h => h.Ssrc == 1).Last().Timestamp); // paused ticks were not paced
        a.Close();
        b.Close();
        RunAt(pacer, start, 120 * Ms);
        Assert.Equal(0, pacer.StreamCount);
        Assert.Equal(8, pacer.FramesSent);
    }

    [Fact]
    public void A_stream_belongs_to_one_pacer()
    {
        using RtpPacer first = CreatePacer();
        using RtpPacer second = CreatePacer();
        RtpStream stream = CreateStream(1);
        first.Add(stream);
        first.Add(stream); // duplicate add is ignored
        first.RunOnce(Now);
        Assert.Equal(1, first.StreamCount);
        Assert.Throws<InvalidOperationException>(() => second.Add(stream));

        first.Remove(stream);
        first.RunOnce(Now);
        second.Add(stream);
        second.RunOnce(Now);
        Assert.Equal(1, second.StreamCount);
    }

    [Fact]
    public void Slots_spread_streams_over_the_interval_and_keep_each_stream_at_20_ms()
    {
        using RtpPacer pacer = CreatePacer(slots: 4);
        for (uint i = 1; i <= 8; i++)
        {
            pacer.Add(CreateStream(i));
        }

        long start = Now;
        long next = pacer.RunOnce(start);
        Assert.Equal(At(start, 5 * Ms), next);
        for (int step = 0; step < 4 * 10; step++)
        {
            _clock.Advance(TimeSpan.FromSeconds((double)(next - Now) / _clock.TimestampFrequency));
            next = pacer.RunOnce(Now);
        }

        // Two streams per slot, slots 5 ms apart; each stream's packets exactly 20 ms apart.
        var firstSend = _sender.Sends.GroupBy(s => s.Header.Ssrc).Select(g => g.First().Time - start).OrderBy(t => t).ToArray();
        Assert.Equal([0L, 0L, 5L, 5L, 10L, 10L, 15L, 15L], firstSend.Select(t => t * 1000 / _clock.TimestampFrequency));
        foreach (var group in _sender.Sends.GroupBy(s => s.Header.Ssrc))
        {
            long[] times = group.Select(s => s.Time).ToArray();
            Assert.True(times.Length >= 10);
            Assert.All(times.Zip(times.Skip(1), (x, y) => y - x), d => Assert.Equal(At(0, 20 * Ms), d));
        }
    }

    [Fact]
    public void Skip_ahead_with_slots_counts_each_slots_missed_frames()
    {
        using RtpPacer pacer = CreatePacer(slots: 4, maxBehindFrames: 2);
        for (uint i = 1; i <= 4; i++)
        {
            pacer.Add(CreateStream(i));
        }

        long start = Now;
        pacer.RunOnce(start); // slot 0 at 0 ms: one stream
        RunAt(pacer, start, 117 * Ms); // due: slots 1-3 of frame 0, frames 1-4, and frame 5's slots at 100-115 ms

        // Kept: the last due deadline of each slot (100, 105, 110, 115 ms); every stream skipped the others.
        Assert.Equal(1 + 4, pacer.FramesSent);
        Assert.Equal(Enumerable.Range(1, 4).Select(_ => 1000u + (5 * 160)), _sender.Headers.Skip(1).Select(h => h.Timestamp));
        Assert.Equal((4 * 5) - 4 + 3, pacer.SkippedFrames); // stream 1: frames 1-4; streams 2-4: frames 0-4
    }

    [Fact]
    public void A_throwing_source_is_dropped_and_the_other_streams_keep_going()
    {
        using RtpPacer pacer = CreatePacer();
        RtpStream broken = CreateStream(1);
        broken.SetSource(new ThrowingSource());
        pacer.Add(broken);
        pacer.Add(CreateStream(2));
        long start = Now;
        pacer.RunOnce(start);
        RunAt(pacer, start, 20 * Ms);

        Assert.Equal(1, pacer.Faults);
        Assert.Null(broken.Source);
        Assert.Equal(2, _sender.Headers.Count(h => h.Ssrc == 2));
        Assert.Equal(2, pacer.StreamCount);
    }

    [Fact]
    public void The_loop_thread_starts_and_stops_and_owns_run_once()
    {
        var pacer = new RtpPacer(TimeProvider.System, new RtpPacerOptions { Scheduling = RtpPacerScheduling.Normal });
        pacer.Start();
        Assert.True(pacer.IsRunning);
        Assert.Throws<InvalidOperationException>(() => pacer.Start());
        Assert.Throws<InvalidOperationException>(() => pacer.RunOnce(TimeProvider.System.GetTimestamp()));
        pacer.Stop();
        Assert.False(pacer.IsRunning);
        Assert.Equal("normal", pacer.SchedulingApplied);

        pacer.RunOnce(TimeProvider.System.GetTimestamp()); // stopped: the caller may drive it
        pacer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pacer.RunOnce(TimeProvider.System.GetTimestamp()));
        Assert.Throws<ObjectDisposedException>(() => pacer.Start());
    }

    private sealed class TimedSender(TimeProvider clock) : IRtpSender
    {
        public List<(long Time, RtpHeader Header)> Sends { get; } = [];

        public IEnumerable<long> SendTimes => Sends.Select(s => s.Time);

        public List<RtpHeader> Headers => Sends.Select(s => s.Header).ToList();

        public void Send(ReadOnlySpan<byte> packet, EndPoint remote)
        {
            Assert.True(RtpPacket.TryParse(packet, out RtpPacket parsed, out _));
            Sends.Add((clock.GetTimestamp(), parsed.Header));
        }
    }
}
