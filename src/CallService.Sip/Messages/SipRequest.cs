namespace CallService.Sip.Messages;

/// <summary>A SIP request (RFC 3261 7.1).</summary>
public sealed class SipRequest : SipMessage
{
    public SipRequest(SipMethod method, SipUri uri)
    {
        Method = method;
        MethodToken = SipMethods.ToToken(method);
        RequestUri = uri;
    }

    public SipRequest(string method, SipUri uri)
    {
        Method = SipMethods.Parse(method);
        MethodToken = method;
        RequestUri = uri;
    }

    public SipMethod Method { get; }

    public string MethodToken { get; }

    public SipUri RequestUri { get; set; }
}
