namespace CallService.Sip.Messages;

/// <summary>
/// Outcome of <see cref="SipRequestValidator.Validate"/>: <see cref="Ok"/>, or the response to send
/// (status code, reason phrase naming the problem, and the header lines that response must carry, e.g.
/// Unsupported for 420, Accept for 415, Allow for 405/501).
/// </summary>
public readonly record struct SipValidationResult(int StatusCode, string? ReasonPhrase, IReadOnlyList<SipHeader> ResponseHeaders)
{
    public static SipValidationResult Ok { get; } = new(0, null, []);

    public bool IsOk => StatusCode == 0;

    internal static SipValidationResult Reject(int code, string? reason, params SipHeader[] headers) =>
        new(code, reason ?? SipResponse.DefaultReason(code), headers);

    /// <summary>Builds the rejection response (RFC 3261 8.2.6) with the required header lines added.</summary>
    public SipResponse CreateResponse(SipRequest request, string? toTag = null)
    {
        if (IsOk) throw new InvalidOperationException("The request was valid; there is no rejection to send.");
        var response = SipResponseFactory.Create(request, StatusCode, ReasonPhrase, toTag);
        foreach (var h in ResponseHeaders) response.Headers.Add(h.Name, h.Value);
        return response;
    }
}
