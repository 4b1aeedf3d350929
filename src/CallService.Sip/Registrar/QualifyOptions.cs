namespace CallService.Sip.Registrar;

/// <summary>Settings of <see cref="ContactQualifier"/>.</summary>
public sealed record QualifyOptions
{
    /// <summary>Time between two OPTIONS to one contact (from the end of the previous one). Default 30 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Unanswered OPTIONS in a row (timeout, 408 or 503) after which a contact is unreachable. Default 3.</summary>
    public int MaxFailures { get; init; } = 3;

    /// <exception cref="ArgumentException">A value is out of range.</exception>
    internal void Validate()
    {
        if (Interval < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("QualifyOptions.Interval must be at least 1 s.", nameof(Interval));
        }

        if (MaxFailures < 1)
        {
            throw new ArgumentException("QualifyOptions.MaxFailures must be at least 1.", nameof(MaxFailures));
        }
    }
}
