namespace CallService.Lines;

/// <summary>
/// One sales line as configured (an element of the "Lines" array). Checked at start by
/// <see cref="LinesOptionsValidator"/>; code that answers calls uses the typed <see cref="SalesLine"/>.
/// </summary>
public sealed class LineOptions
{
    /// <summary>The SIP user part callers dial (e.g. "sales"); required, RFC 3261 25.1 token characters.</summary>
    public string Number { get; set; } = "";

    /// <summary>The name shown to agents and in From/Contact display names (e.g. "海逸长洲").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>"front-desk", "bar" or "showroom"; required, since it sets the handbook's ring limit.</summary>
    public string Desk { get; set; } = "";

    /// <summary>The recorded greeting played on auto-answer (a WAV path).</summary>
    public string GreetingPrompt { get; set; } = "";

    /// <summary>The greeting script shown to the agent on answer (e.g. "您好,海逸长洲!").</summary>
    public string GreetingScript { get; set; } = "";

    /// <summary>Audio played to a caller on hold or waiting in the queue (a WAV path).</summary>
    public string HoldAudio { get; set; } = "";

    /// <summary>The ringback cadence rings are counted in: "cn" (default), "us", "uk" or "custom".</summary>
    public string Cadence { get; set; } = "cn";

    /// <summary>On/off durations in ms (even count, each 50..10000); required if and only if Cadence is "custom".</summary>
    public int[]? CustomCadenceMs { get; set; }

    /// <summary>The service-level target: answered within this many rings (handbook: two).</summary>
    public int TargetRings { get; set; } = 2;

    /// <summary>
    /// The service answers itself once this many rings have sounded; 0 answers at once. At most the
    /// desk's handbook maximum (3 front desk, 4 bar and showroom).
    /// </summary>
    public int AutoAnswerAfterRings { get; set; } = 2;

    /// <summary>Seconds on hold before the caller is offered a callback (5..600; handbook: 30).</summary>
    public int LookupCallbackSeconds { get; set; } = 30;

    /// <summary>"ring-all" (default) or "rotation".</summary>
    public string RingStrategy { get; set; } = "ring-all";

    /// <summary>With rotation: rings each agent gets before the next one is tried.</summary>
    public int RotationRingsPerAgent { get; set; } = 1;

    /// <summary>Optional registration of the line at an upstream registrar (see <see cref="LineRegistrationOptions"/>).</summary>
    public LineRegistrationOptions? Registration { get; set; }
}
