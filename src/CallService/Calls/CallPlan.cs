using CallService.Lines;

namespace CallService.Calls;

/// <summary>What one call needs of its line's policy.</summary>
/// <param name="Cadence">The ringback cadence rings are counted in.</param>
/// <param name="AutoAnswerAfterRings">The service answers at RingStartedAt + this many periods; 0 answers when ringing starts.</param>
/// <param name="AgentsExpected">
/// Whether an agent is expected to take a caller after auto-answer. It decides the outcome of a caller
/// who hangs up while waiting: with agents expected the caller abandoned the queue ("abandoned-in-queue");
/// without (no agents at all, as before agents exist) the service's answer was the whole handling
/// ("auto-answered"). <see cref="AgentAvailabilityChanged"/> updates it during the call.
/// </param>
public sealed record CallPlan(RingCadence Cadence, int AutoAnswerAfterRings, bool AgentsExpected = false)
{
    /// <summary>The plan for a call on <paramref name="line"/>.</summary>
    public static CallPlan For(SalesLine line, bool agentsExpected)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new CallPlan(line.Cadence, line.AutoAnswerAfterRings, agentsExpected);
    }
}
