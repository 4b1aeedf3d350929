using CallService.Web.Desk;

namespace CallService.Tests.Web.Desk;

/// <summary>Reads what a subscription has queued so far (the board never blocks, so everything is there at once).</summary>
internal static class DeskEventsRecorder
{
    public static List<DeskEvent> Drain(DeskSubscription subscription)
    {
        var events = new List<DeskEvent>();
        while (subscription.Events.TryRead(out DeskEvent? e))
        {
            events.Add(e);
        }
        return events;
    }
}
