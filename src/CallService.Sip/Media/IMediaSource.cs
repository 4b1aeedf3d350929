namespace CallService.Sip.Media;

/// <summary>
/// Produces one encoded audio frame per pacing tick (20 ms). The RTP pacer pulls from the source of
/// each stream on its deadline; sources never block and never allocate per frame.
/// </summary>
public interface IMediaSource
{
    /// <summary>
    /// Writes the next frame's payload (already encoded for the stream's codec) into
    /// <paramref name="payload"/> and returns its length; 0 means "nothing to send this tick"
    /// (silence suppression or the end of a one-shot prompt, see <see cref="IsFinished"/>).
    /// </summary>
    int ReadFrame(Span<byte> payload);

    /// <summary>True once a one-shot source (a prompt played once) has nothing more to give.</summary>
    bool IsFinished { get; }
}
