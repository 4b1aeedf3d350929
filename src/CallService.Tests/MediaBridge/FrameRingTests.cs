using System.Buffers.Binary;
using CallService.Sip.Media;

namespace CallService.Tests.MediaBridge;

/// <summary>The bridge's jitter buffer on its own: order, drop-oldest overflow, underruns, clearing, and its lock-free hand-over.</summary>
public sealed class FrameRingTests
{
    [Fact]
    public void Frames_leave_in_the_order_they_were_published()
    {
        using var ring = new FrameRing(3);
        ring.Write(Frame(1));
        ring.Write(Frame(2));
        Assert.Equal(2, ring.Count);

        var destination = new byte[160];
        Assert.True(ring.TryRead(destination));
        Assert.Equal(1, destination[0]);
        Assert.True(ring.TryRead(destination));
        Assert.Equal(2, destination[0]);
        Assert.Equal(0, ring.Count);
        Assert.Equal(2, ring.FramesWritten);
        Assert.Equal(2, ring.FramesRead);
        Assert.Equal(0, ring.Overruns);
        Assert.Equal(0, ring.Underruns);
    }

    [Fact]
    public void A_full_ring_drops_its_oldest_frames_and_counts_each_as_an_overrun()
    {
        using var ring = new FrameRing(3);
        for (byte i = 1; i <= 5; i++)
        {
            ring.Write(Frame(i));
        }

        Assert.Equal(3, ring.Count);
        Assert.Equal(2, ring.Overruns);
        var destination = new byte[160];
        var read = new List<byte>();
        while (ring.TryRead(destination))
        {
            Assert.All(destination, b => Assert.Equal(destination[0], b));
            read.Add(destination[0]);
        }

        Assert.Equal(new byte[] { 3, 4, 5 }, read);
        Assert.Equal(1, ring.Underruns);
    }

    [Fact]
    public void Every_read_of_an_empty_ring_is_an_underrun_and_leaves_the_destination_alone()
    {
        using var ring = new FrameRing(2);
        var destination = new byte[160];
        Array.Fill(destination, (byte)0x55);

        Assert.False(ring.TryRead(destination));
        Assert.False(ring.TryRead(destination));
        Assert.Equal(2, ring.Underruns);
        Assert.All(destination, b => Assert.Equal(0x55, b));

        ring.Write(Frame(9));
        Assert.True(ring.TryRead(destination));
        Assert.False(ring.TryRead(destination));
        Assert.Equal(3, ring.Underruns);
        Assert.Equal(1, ring.FramesRead);
    }

    [Fact]
    public void A_frame_filled_in_pieces_is_invisible_until_published()
    {
        using var ring = new FrameRing(2);
        ring.PendingFrame[..80].Fill(7);
        var destination = new byte[160];
        Assert.False(ring.TryRead(destination));
        ring.PendingFrame[80..].Fill(8);
        ring.Publish();

        Assert.True(ring.TryRead(destination));
        Assert.All(destination[..80], b => Assert.Equal(7, b));
        Assert.All(destination[80..], b => Assert.Equal(8, b));
    }

    [Fact]
    public void Clear_discards_what_is_buffered_without_counting_overruns()
    {
        using var ring = new FrameRing(3);
        ring.Write(Frame(1));
        ring.Write(Frame(2));

        Assert.Equal(2, ring.Clear());
        Assert.Equal(0, ring.Clear());
        Assert.Equal(0, ring.Count);
        Assert.Equal(2, ring.FramesCleared);
        Assert.Equal(0, ring.Overruns);

        ring.Write(Frame(3));
        var destination = new byte[160];
        Assert.True(ring.TryRead(destination));
        Assert.Equal(3, destination[0]);
    }

    [Fact]
    public void Depth_one_keeps_only_the_newest_frame()
    {
        using var ring = new FrameRing(1);
        ring.Write(Frame(1));
        ring.Write(Frame(2));
        var destination = new byte[160];
        Assert.True(ring.TryRead(destination));
        Assert.Equal(2, destination[0]);
        Assert.Equal(1, ring.Overruns);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(FrameRing.MaxDepth + 1)]
    public void Depth_outside_1_to_MaxDepth_is_refused(int depth) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameRing(depth));

    [Fact]
    public void A_frame_of_the_wrong_size_or_a_short_destination_is_refused()
    {
        using var ring = new FrameRing(2);
        Assert.Throws<ArgumentException>(() => ring.Write(new byte[159]));
        Assert.Throws<ArgumentException>(() => ring.TryRead(new byte[100]));
    }

    [Fact]
    public async Task A_producer_and_a_consumer_on_two_threads_never_see_a_torn_or_reordered_frame()
    {
        // Each frame carries its number in the first 4 bytes and a byte pattern derived from it in
        // the rest: a frame overwritten while it was copied would not match its own number.
        const int frames = 300_000;
        using var ring = new FrameRing(2);
        using var done = new CancellationTokenSource();
        long torn = 0, reordered = 0, read = 0;

        var consumer = Task.Run(() =>
        {
            var destination = new byte[160];
            int last = -1;
            while (!done.IsCancellationRequested || ring.Count > 0)
            {
                if (!ring.TryRead(destination))
                {
                    continue;
                }

                read++;
                int number = BinaryPrimitives.ReadInt32LittleEndian(destination);
                for (int i = 4; i < destination.Length; i++)
                {
                    if (destination[i] != (byte)(number + i))
                    {
                        torn++;
                        break;
                    }
                }

                if (number <= last)
                {
                    reordered++;
                }

                last = number;
            }
        });

        var producer = Task.Run(() =>
        {
            for (int n = 0; n < frames; n++)
            {
                Span<byte> frame = ring.PendingFrame;
                BinaryPrimitives.WriteInt32LittleEndian(frame, n);
                for (int i = 4; i < frame.Length; i++)
                {
                    frame[i] = (byte)(n + i);
                }

                ring.Publish();
            }
        });

        await producer.WaitAsync(TimeSpan.FromSeconds(30));
        done.Cancel();
        await consumer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, torn);
        Assert.Equal(0, reordered);
        Assert.Equal(frames, ring.FramesWritten);
        Assert.Equal(read, ring.FramesRead);
        Assert.Equal(frames, ring.FramesRead + ring.Overruns + ring.Count);
        Assert.True(ring.FramesRead > 0 && ring.Overruns > 0, $"read {ring.FramesRead}, overruns {ring.Overruns}: both sides raced");
    }

    private static byte[] Frame(byte value)
    {
        var frame = new byte[160];
        Array.Fill(frame, value);
        return frame;
    }
}
