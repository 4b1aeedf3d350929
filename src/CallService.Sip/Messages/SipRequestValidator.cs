namespace CallService.Sip.Messages;

/// <summary>RFC 3261 8.2.1-8.2.3 semantic checks on a parsed request, with RFC 4475's expectations.</summary>
public static class SipRequestValidator
{
    public static SipValidationResult Validate(SipRequest request, SipValidationPolicy policy) =>
        throw new NotImplementedException();
}
