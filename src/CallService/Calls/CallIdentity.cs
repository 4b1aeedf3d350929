namespace CallService.Calls;

/// <summary>Who called which line: what a callback needs besides the call's own record.</summary>
/// <param name="CallerNumber">The caller's number (the From URI's user part); empty or "anonymous" when withheld.</param>
/// <param name="CallerDisplayName">The From display name, if any.</param>
/// <param name="Line">The sales line's number.</param>
public sealed record CallIdentity(string CallerNumber, string? CallerDisplayName, string Line)
{
    /// <summary>A caller nobody can call back (used when the glue gives no identity).</summary>
    public static CallIdentity Unknown { get; } = new("", null, "");

    /// <summary>
    /// Whether the caller can be offered a callback: a number is known and not withheld
    /// (RFC 3323 4.1.1.3: an anonymous From is "anonymous@anonymous.invalid").
    /// </summary>
    public bool CanBeCalledBack =>
        !string.IsNullOrWhiteSpace(CallerNumber) && !CallerNumber.Trim().Equals("anonymous", StringComparison.OrdinalIgnoreCase);
}
