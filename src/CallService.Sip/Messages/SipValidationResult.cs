namespace CallService.Sip.Messages;

/// <summary>Outcome of <see cref="SipRequestValidator.Validate"/>: Ok, or the response to send.</summary>
public readonly record struct SipValidationResult(int StatusCode, string? ReasonPhrase, IReadOnlyList<SipHeader> ResponseHeaders)
{
    public static SipValidationResult Ok { get; } = new(0, null, []);

    public bool IsOk => StatusCode == 0;
}
