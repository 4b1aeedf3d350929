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
    /// <summary>The handbook's lookup limit: 30 s on hold before the callback offer.</summary>
    public static readonly TimeSpan DefaultLookupCallback = TimeSpan.FromSeconds(30);

    /// <summary>How long the caller has to answer the offer once its prompt finished: 10 s.</summary>
    public static readonly TimeSpan DefaultOfferTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Hold time before the callback offer, and again before each repeat (the line's
    /// LookupCallbackSeconds). The offers come at 1, 2, 3... times this much hold.
    /// </summary>
    public TimeSpan LookupCallback { get; init; } = DefaultLookupCallback;

    /// <summary>How long after the offer prompt finished a digit is awaited before <see cref="OfferTimeoutChoice"/> applies.</summary>
    public TimeSpan OfferTimeout { get; init; } = DefaultOfferTimeout;

    /// <summary>The line's default when no digit comes in time: keep waiting (the handbook's reading).</summary>
    public CallbackChoice OfferTimeoutChoice { get; init; } = CallbackChoice.KeepWaiting;

    /// <summary>The plan for a call on <paramref name="line"/>.</summary>
    public static CallPlan For(SalesLine line, bool agentsExpected)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new CallPlan(line.Cadence, line.AutoAnswerAfterRings, agentsExpected)
        {
            LookupCallback = line.LookupCallback,
        };
    }
}
