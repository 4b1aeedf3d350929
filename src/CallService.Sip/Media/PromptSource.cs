namespace CallService.Sip.Media;

/// <summary>
/// Plays a <see cref="Prompt"/> on one stream: once (then <see cref="IsFinished"/>) or in a loop
/// (hold audio). Each source has its own position over the prompt's shared frames; nothing is
/// copied per call except the frame into the packet. Not thread-safe (one pacer per stream).
/// </summary>
public sealed class PromptSource : IMediaSource
{
    public PromptSource(Prompt prompt, AudioCodecKind codec, bool loop = false)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        Prompt = prompt;
        Frames = prompt.GetFrames(codec);
        Loop = loop;
    }

    public Prompt Prompt { get; }

    /// <summary>The prompt's shared frames this source reads (the same instance for every source).</summary>
    public EncodedFrames Frames { get; }

    public bool Loop { get; }

    /// <summary>The index of the next frame to play.</summary>
    public int Position { get; private set; }

    /// <summary>Frames written so far, counting every pass of a loop.</summary>
    public long FramesPlayed { get; private set; }

    public bool IsFinished => !Loop && Position >= Frames.FrameCount;

    /// <summary>Copies the next frame into <paramref name="payload"/>; returns 0 once a one-shot prompt has ended.</summary>
    public int ReadFrame(Span<byte> payload)
    {
        if (Position >= Frames.FrameCount)
        {
            if (!Loop)
            {
                return 0;
            }

            Position = 0;
        }

        var frame = Frames[Position];
        frame.CopyTo(payload);
        Position++;
        FramesPlayed++;
        return frame.Length;
    }

    /// <summary>Starts again from the first frame.</summary>
    public void Rewind() => Position = 0;
}
