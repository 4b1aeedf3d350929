namespace CallService.Sip.Messages;

/// <summary>RFC 3261 8.2.6.2: builds a response to a request.</summary>
public static class SipResponseFactory
{
    public static SipResponse Create(SipRequest request, int code, string? reason = null, string? toTag = null) =>
        throw new NotImplementedException();
}
