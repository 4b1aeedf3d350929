using CallService.Sip.Messages;

namespace CallService.Sip.Transactions;

/// <summary>
/// Identifies a transaction. RFC 3261 17.1.3: a client transaction matches on the top Via branch
/// and the CSeq method. RFC 3261 17.2.3: a server transaction matches on branch, sent-by and method,
/// where an ACK matches the INVITE it acknowledges.
/// </summary>
public readonly record struct TransactionKey(string Branch, string SentBy, string Method, bool IsServer)
{
    public static TransactionKey ForClient(string branch, string method) => new(branch, string.Empty, method, false);

    public static TransactionKey ForServer(SipRequest request)
    {
        var via = request.TopVia;
        string method = request.Method == SipMethod.Ack ? "INVITE" : request.MethodToken;
        string sentBy = via.Port is int port ? $"{via.Host}:{port}" : via.Host;
        string branch = via.Branch ?? string.Empty;
        if (!branch.StartsWith(SipVia.MagicCookie, StringComparison.Ordinal))
        {
            // RFC 3261 17.2.3: an RFC 2543 peer has no usable branch; fall back on the fields
            // that identify its request (Call-ID, CSeq number, From tag).
            branch = $"2543|{request.CallId}|{request.CSeq.Number}|{request.From.Tag}|{branch}";
        }
        return new TransactionKey(branch, sentBy, method, true);
    }

    public static TransactionKey ForResponse(SipResponse response) =>
        ForClient(response.TopVia.Branch ?? string.Empty, response.CSeq.MethodToken);

    /// <summary>The key of the INVITE server transaction a CANCEL refers to (RFC 3261 9.2).</summary>
    public TransactionKey WithMethod(string method) => this with { Method = method };
}
