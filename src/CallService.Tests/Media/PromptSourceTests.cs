using CallService.Sip.Media;
using CallService.Tests.Support;

namespace CallService.Tests.Media;

public class PromptSourceTests
{
    private static readonly Prompt Greeting = Prompt.FromSamples("greeting", TestSignals.SpeechLike(8000, 0.5, seed: 21), 8000);

    [Theory]
    [InlineData(AudioCodecKind.Pcmu)]
    [InlineData(AudioCodecKind.G722)]
    public void Played_once_it_gives_every_frame_then_finishes(AudioCodecKind codec)
    {
        var source = Greeting.CreateSource(codec);
        var frames = Greeting.GetFrames(codec);
        var payload = new byte[160];

        for (var i = 0; i < frames.FrameCount; i++)
        {
            Assert.False(source.IsFinished);
            Assert.Equal(160, source.ReadFrame(payload));
            Assert.True(payload.AsSpan().SequenceEqual(frames[i]));
        }

        Assert.True(source.IsFinished);
        Assert.Equal(0, source.ReadFrame(payload));
        Assert.Equal(25, source.FramesPlayed);
    }

    [Fact]
    public void Looped_it_starts_again_and_never_finishes()
    {
        var source = Greeting.CreateSource(AudioCodecKind.Pcma, loop: true);
        var frames = Greeting.GetFrames(AudioCodecKind.Pcma);
        var payload = new byte[160];

        for (var i = 0; i < (frames.FrameCount * 2) + 3; i++)
        {
            Assert.Equal(160, source.ReadFrame(payload));
            Assert.True(payload.AsSpan().SequenceEqual(frames[i % frames.FrameCount]));
            Assert.False(source.IsFinished);
        }

        Assert.Equal(3, source.Position);
        Assert.Equal((frames.FrameCount * 2) + 3, source.FramesPlayed);
    }

    [Fact]
    public void Two_calls_share_the_frames_but_keep_their_own_positions()
    {
        var first = new PromptSource(Greeting, AudioCodecKind.Pcmu);
        var second = new PromptSource(Greeting, AudioCodecKind.Pcmu);
        var payload = new byte[160];

        Assert.Same(Greeting.GetFrames(AudioCodecKind.Pcmu), first.Frames);
        Assert.Same(first.Frames, second.Frames);
        Assert.Equal(first.Frames.Payload, second.Frames.Payload);
        Assert.True(first.Frames.Payload.Span == second.Frames.Payload.Span);

        first.ReadFrame(payload);
        first.ReadFrame(payload);
        first.ReadFrame(payload);
        second.ReadFrame(payload);

        Assert.Equal(3, first.Position);
        Assert.Equal(1, second.Position);
        Assert.True(payload.AsSpan().SequenceEqual(Greeting.GetFrames(AudioCodecKind.Pcmu)[0]));
    }

    [Fact]
    public void Rewind_plays_from_the_start_again()
    {
        var source = Greeting.CreateSource(AudioCodecKind.Pcmu);
        var payload = new byte[160];
        while (!source.IsFinished)
        {
            source.ReadFrame(payload);
        }

        source.Rewind();

        Assert.False(source.IsFinished);
        source.ReadFrame(payload);
        Assert.True(payload.AsSpan().SequenceEqual(Greeting.GetFrames(AudioCodecKind.Pcmu)[0]));
    }

    [Fact]
    public void Reading_frames_does_not_allocate()
    {
        var source = Greeting.CreateSource(AudioCodecKind.G722, loop: true);
        var payload = new byte[160];
        source.ReadFrame(payload);

        Assert.Equal(0, Allocations.Measure(200, () =>
        {
            source.ReadFrame(payload);
        }));
    }

    [Fact]
    public void A_too_small_packet_buffer_is_a_programming_error()
    {
        var source = Greeting.CreateSource(AudioCodecKind.Pcmu);
        Assert.Throws<ArgumentException>(() => source.ReadFrame(new byte[100]));
    }
}
