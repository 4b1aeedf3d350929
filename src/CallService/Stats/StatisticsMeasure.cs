namespace CallService.Stats;

/// <summary>The measured values whose percentiles a report gives (whole numbers, see <see cref="StatisticsTotals"/>).</summary>
public enum StatisticsMeasure
{
    /// <summary>Agent answers: ring start to answer, ms.</summary>
    TimeToAnswerMs,

    /// <summary>Agent answers: rings in tenths.</summary>
    RingsTenths,

    /// <summary>Queue pick-ups: auto-answer to the agent, ms.</summary>
    QueueWaitMs,

    /// <summary>Accepted callbacks completed: request (created) to done (completed), ms.</summary>
    CallbackCompletionMs,
}
