namespace CallService.Sip.Messages;

/// <summary>Maps parse rejections to the response the stack sends (400 naming the problem, 505 for version).</summary>
public static class SipRejections
{
    public static (int Code, string Reason) ToResponse(SipParseError error, string? detail) =>
        throw new NotImplementedException();
}
