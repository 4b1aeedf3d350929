namespace CallService.Lines;

/// <summary>
/// One sales line with its policy in typed form, made from validated <see cref="LineOptions"/>.
/// </summary>
public sealed record SalesLine(
    string Number,
    string DisplayName,
    LineDesk Desk,
    string GreetingPrompt,
    string GreetingScript,
    string HoldAudio,
    RingCadence Cadence,
    int TargetRings,
    int AutoAnswerAfterRings,
    TimeSpan LookupCallback,
    RingStrategy RingStrategy,
    int RotationRingsPerAgent)
{
    /// <summary>The line's registration at an upstream registrar, when configured.</summary>
    public LineRegistrationOptions? Registration { get; init; }

    /// <summary>The desk's hard ring limit from the handbook (3 front desk, 4 bar and showroom).</summary>
    public int HandbookMaxRings => Desk.HandbookMaxRings();

    /// <summary>How long after ringing starts the service answers itself: AutoAnswerAfterRings periods.</summary>
    public TimeSpan AutoAnswerDelay => Cadence.RingStart(AutoAnswerAfterRings + 1);

    /// <summary>Typed view of one line's options.</summary>
    /// <exception cref="ArgumentException">the options are invalid; <see cref="LinesOptionsValidator"/> says why.</exception>
    public static SalesLine From(LineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var single = new LinesOptions();
        single.Lines.Add(options);
        List<string> failures = LinesOptionsValidator.Check(single);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, failures), nameof(options));
        }
        LineDesks.TryParse(options.Desk, out LineDesk desk);
        RingStrategies.TryParse(options.RingStrategy, out RingStrategy strategy);
        RingCadence.TryFromName(options.Cadence, options.CustomCadenceMs, out RingCadence cadence);
        return new SalesLine(
            options.Number.Trim(),
            options.DisplayName,
            desk,
            options.GreetingPrompt.Trim(),
            options.GreetingScript,
            options.HoldAudio.Trim(),
            cadence,
            options.TargetRings,
            options.AutoAnswerAfterRings,
            TimeSpan.FromSeconds(options.LookupCallbackSeconds),
            strategy,
            options.RotationRingsPerAgent)
        {
            Registration = options.Registration,
        };
    }
}
