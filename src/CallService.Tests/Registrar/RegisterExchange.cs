using CallService.Sip.Auth;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;

namespace CallService.Tests.Registrar;

/// <summary>One authenticated REGISTER: the request, how it ended and the credentials it carried.</summary>
internal sealed record RegisterExchange(SipRequest Request, ClientTransactionOutcome Outcome, DigestCredentials Credentials, string CallId, uint CSeq)
{
    public SipResponse Response => Outcome.Response ?? throw new InvalidOperationException($"No response: {Outcome.End}");

    public int StatusCode => Outcome.StatusCode;
}
