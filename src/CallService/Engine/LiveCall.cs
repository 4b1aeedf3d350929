using CallService.Calls;
using CallService.Lines;

namespace CallService.Engine;

/// <summary>
/// One call in progress as the engine sees it at one moment, for watchers such as the agent desk:
/// the state machine's own fields (the ring count comes from <see cref="Record"/> and the line's cadence,
/// never from a watcher's clock) and the instants its timers are set for.
/// </summary>
/// <param name="CallId">The caller's SIP Call-ID.</param>
/// <param name="Line">The sales line called.</param>
/// <param name="CallerNumber">The From URI's user part.</param>
/// <param name="CallerDisplayName">The From display name, if any.</param>
/// <param name="State">The call's state; <see cref="CallState.Ended"/> is published once, last.</param>
/// <param name="Record">The record's fields (ring start, answer, agent, hold figures).</param>
/// <param name="Queued">Auto-answered and waiting for an agent (the agents are still rung).</param>
/// <param name="AutoAnswerDueAt">While ringing: when the service will answer itself.</param>
/// <param name="HeldSince">While on hold: when the hold began.</param>
/// <param name="CallbackOfferDueAt">While held: when the callback offer will play.</param>
/// <param name="Version">Grows with every publication of the engine: a watcher keeps the highest it saw per call.</param>
public sealed record LiveCall(
    string CallId,
    SalesLine Line,
    string CallerNumber,
    string? CallerDisplayName,
    CallState State,
    CallSnapshot Record,
    bool Queued,
    DateTimeOffset? AutoAnswerDueAt,
    DateTimeOffset? HeldSince,
    DateTimeOffset? CallbackOfferDueAt,
    long Version);
