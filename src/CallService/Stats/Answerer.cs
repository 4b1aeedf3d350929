namespace CallService.Stats;

/// <summary>Who first answered a call, as the stores group it: AnsweredBy null, "auto", or an agent id.</summary>
public enum Answerer
{
    /// <summary>Nobody (AnsweredBy null): abandoned, rejected, interrupted or still ringing.</summary>
    Nobody,

    /// <summary>The service's auto-answer (AnsweredBy "auto").</summary>
    Service,

    /// <summary>An agent, while it rang.</summary>
    Agent,
}
