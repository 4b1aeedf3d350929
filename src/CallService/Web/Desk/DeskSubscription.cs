using System.Threading.Channels;

namespace CallService.Web.Desk;

/// <summary>
/// One open event stream: the changes in its scope since its snapshot, in order. It never blocks the
/// board: when a slow client lets <see cref="Capacity"/> events pile up, the stream is ended, and the
/// browser reconnects and starts again from a fresh snapshot (nothing is silently skipped).
/// </summary>
public sealed class DeskSubscription
{
    /// <summary>Events queued for one client at most.</summary>
    public const int Capacity = 512;

    private readonly Channel<DeskEvent> _events = Channel.CreateBounded<DeskEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public DeskSubscription(DeskScope scope)
    {
        Scope = scope;
    }

    public DeskScope Scope { get; }

    /// <summary>The events to send, completed when the client fell too far behind or the board closed.</summary>
    public ChannelReader<DeskEvent> Events => _events.Reader;

    internal void Offer(DeskEvent deskEvent)
    {
        if (!Scope.Sees(deskEvent.Line))
        {
            return;
        }
        if (!_events.Writer.TryWrite(deskEvent))
        {
            _events.Writer.TryComplete(new InvalidOperationException("the client fell behind; it reconnects for a fresh snapshot"));
        }
    }

    internal void Close() => _events.Writer.TryComplete();
}
