using CallService.Sip.Media;

namespace CallService.Engine;

/// <summary>
/// Hold audio for exactly the frames left until the callback offer is due, then the offer prompt. The
/// switch is counted on the pacer's 20 ms ticks (as <see cref="RingLimitedSource"/> counts the rings), so
/// the caller hears the offer at 30.0 s of hold even when the state machine's timer callback runs late on a
/// busy machine; the state machine still decides (it enters CallbackOffered when its timer fires, and a
/// resume before then replaces this source).
/// </summary>
internal sealed class HoldThenOfferSource(IMediaSource hold, int holdFrames, PromptSource offer) : IMediaSource
{
    private int _frames;

    /// <summary>The offer prompt this source switches to.</summary>
    public PromptSource Offer => offer;

    /// <summary>True once the offer's end has been sent (the caller heard it all).</summary>
    public bool IsFinished => Volatile.Read(ref _frames) >= holdFrames && offer.IsFinished;

    public int ReadFrame(Span<byte> payload)
    {
        if (_frames < holdFrames)
        {
            _frames++;
            return hold.ReadFrame(payload);
        }
        return offer.ReadFrame(payload);
    }
}
