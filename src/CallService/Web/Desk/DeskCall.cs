using CallService.Calls;
using CallService.Engine;

namespace CallService.Web.Desk;

/// <summary>
/// One call on the desk (the "call" event's data and an element of the snapshot's "calls"). Times are
/// UTC instants; the ring figures are the engine's (its cadence and ring start), so the page only
/// animates between events.
/// </summary>
public sealed record DeskCall
{
    public required string CallId { get; init; }

    /// <summary>The sales line's number.</summary>
    public required string Line { get; init; }

    /// <summary>The sales line's display name (e.g. "海逸长洲").</summary>
    public required string LineName { get; init; }

    public required string CallerNumber { get; init; }

    public string? CallerDisplayName { get; init; }

    /// <summary>offered, ringing, queued, auto-answered, connected, held, callback-offered or ended.</summary>
    public required string State { get; init; }

    /// <summary>When ringing started (the first ringback packet); rings count from here.</summary>
    public DateTimeOffset? RingStartedAt { get; init; }

    /// <summary>One ring of the line's cadence, in milliseconds (China: 5000).</summary>
    public required long RingPeriodMs { get; init; }

    /// <summary>The ring in progress at <see cref="At"/> (1 during the first ring), while ringing; otherwise null.</summary>
    public int? Ring { get; init; }

    /// <summary>Rings at the answer (or at the end when nobody answered), one decimal, as recorded.</summary>
    public decimal? Rings { get; init; }

    /// <summary>While ringing: when the service will answer itself.</summary>
    public DateTimeOffset? AutoAnswerDueAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public DateTimeOffset? AutoAnsweredAt { get; init; }

    public DateTimeOffset? AgentAnsweredAt { get; init; }

    /// <summary>The agent talking with the caller.</summary>
    public string? AgentId { get; init; }

    public DateTimeOffset? HeldSince { get; init; }

    /// <summary>While held: when the callback offer plays (HeldSince + the line's LookupCallbackSeconds, then repeats).</summary>
    public DateTimeOffset? CallbackOfferDueAt { get; init; }

    public required int LookupCallbackSeconds { get; init; }

    public int HoldCount { get; init; }

    /// <summary>What the records know of this caller; null until looked up (or for a withheld number).</summary>
    public CallerHistory? History { get; init; }

    /// <summary>The notes the desk saved on this call, if any.</summary>
    public CallNotes? Notes { get; init; }

    /// <summary>The instant this view was made (server clock).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The view of <paramref name="live"/> at <paramref name="now"/>.</summary>
    public static DeskCall From(LiveCall live, DateTimeOffset now, CallerHistory? history, CallNotes? notes)
    {
        ArgumentNullException.ThrowIfNull(live);
        CallSnapshot r = live.Record;
        return new DeskCall
        {
            CallId = live.CallId,
            Line = live.Line.Number,
            LineName = live.Line.DisplayName,
            CallerNumber = live.CallerNumber,
            CallerDisplayName = live.CallerDisplayName,
            State = StateName(live),
            RingStartedAt = r.RingStartedAt,
            RingPeriodMs = (long)live.Line.Cadence.Period.TotalMilliseconds,
            Ring = live.State == CallState.Ringing ? RingAt(live, now) : null,
            Rings = r.Rings,
            AutoAnswerDueAt = live.AutoAnswerDueAt,
            AnsweredAt = r.AnsweredAt,
            AutoAnsweredAt = r.AutoAnsweredAt,
            AgentAnsweredAt = r.AgentAnsweredAt,
            AgentId = r.AgentId,
            HeldSince = live.HeldSince,
            CallbackOfferDueAt = live.CallbackOfferDueAt,
            LookupCallbackSeconds = (int)live.Line.LookupCallback.TotalSeconds,
            HoldCount = r.HoldCount,
            History = history,
            Notes = notes,
            At = now,
        };
    }

    /// <summary>The ring in progress at <paramref name="now"/>: 1 + whole periods since ringing started, in the line's cadence.</summary>
    public static int? RingAt(LiveCall live, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (live.Record.RingStartedAt is not { } start)
        {
            return null;
        }
        TimeSpan elapsed = now - start;
        return elapsed < TimeSpan.Zero ? 1 : (int)Math.Floor(live.Line.Cadence.Rings(elapsed)) + 1;
    }

    private static string StateName(LiveCall live) => live.State switch
    {
        CallState.Offered => "offered",
        CallState.Ringing => "ringing",
        CallState.AutoAnswered => live.Queued ? "queued" : "auto-answered",
        CallState.Connected => "connected",
        CallState.Held => "held",
        CallState.CallbackOffered => "callback-offered",
        _ => "ended",
    };
}
