using CallService.Calls;

namespace CallService.Engine;

/// <summary>The call as watchers see it (<see cref="ILiveCalls"/>): published at start and at every state change.</summary>
internal sealed partial class CallController
{
    /// <summary>The call now.</summary>
    public LiveCall Live() => Live(_call.State, _call.Record);

    private LiveCall Live(CallState state, CallSnapshot record) => new(
        CallId,
        _media.Line,
        Caller,
        _incoming.Invite.From.DisplayName,
        state,
        record,
        Queued: state == CallState.AutoAnswered && _call.AgentsExpected,
        _call.AutoAnswerDueAt,
        _call.HeldSince,
        _call.CallbackOfferDueAt,
        _engine.NextLiveVersion());

    // Called from the state machine's sink (under the call's lock, which is re-entrant): the
    // handlers only copy the view, so this costs the SIP path an allocation, not a wait.
    private void PublishLive(CallState state, CallSnapshot record) => _engine.PublishLive(Live(state, record));
}
