using CallService.Sip.Messages;

namespace CallService.Sip.Transactions;

/// <summary>
/// The requests that borrow an INVITE's identity: the ACK of a non-2xx final (RFC 3261 17.1.1.3) and the
/// CANCEL (9.1). Both keep the INVITE's Request-URI, top Via (so its branch), Route set, From, Call-ID
/// and CSeq number, with their own method.
/// </summary>
public static class InviteDerivedRequest
{
    public static SipRequest Create(SipRequest invite, SipMethod method, string toHeader)
    {
        var request = new SipRequest(method, invite.RequestUri);
        request.Headers.Add("Via", invite.Headers.GetValues("Via").First());
        request.Headers.Add("Max-Forwards", "70");
        foreach (var route in invite.Headers.GetAll("Route"))
        {
            request.Headers.Add("Route", route);
        }
        request.Headers.Add("From", invite.Headers.GetFirst("From")!);
        request.Headers.Add("To", toHeader);
        request.Headers.Add("Call-ID", invite.CallId);
        request.Headers.Add("CSeq", $"{invite.CSeq.Number} {SipMethods.ToToken(method)}");
        return request;
    }
}
