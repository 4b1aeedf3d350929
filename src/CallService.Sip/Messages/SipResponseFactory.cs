namespace CallService.Sip.Messages;

/// <summary>RFC 3261 8.2.6: builds a response to a request.</summary>
public static class SipResponseFactory
{
    /// <summary>
    /// RFC 3261 8.2.6.2: copies every Via (in order), From, To, Call-ID and CSeq; adds <paramref name="toTag"/>
    /// to To when it has no tag. 8.2.6.1: copies Timestamp. Record-Route is the dialog layer's job.
    /// Header values are copied verbatim, so this also answers a <see cref="SipParseResult.PartialRequest"/>.
    /// </summary>
    public static SipResponse Create(SipRequest request, int code, string? reason = null, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (toTag is not null && (toTag.Length == 0 || SipGrammar.ScanToken(toTag, 0) != toTag.Length))
        {
            throw new ArgumentException($"'{toTag}' is not a valid tag (RFC 3261 token).", nameof(toTag));
        }

        var response = new SipResponse(code, reason);
        var source = request.Headers;
        var target = response.Headers;
        for (var i = 0; i < source.Count; i++)
        {
            var id = source.IdAt(i);
            switch (id)
            {
                case SipHeaderId.Via:
                case SipHeaderId.From:
                case SipHeaderId.CallId:
                case SipHeaderId.CSeq:
                case SipHeaderId.Timestamp:
                    target.Add(SipHeaderNames.Canonical(id), source.ValueAt(i));
                    break;
                case SipHeaderId.To:
                    target.Add(SipHeaderNames.To, AddTag(source.ValueAt(i), toTag));
                    break;
            }
        }

        return response;
    }

    private static string AddTag(string to, string? toTag)
    {
        if (toTag is null) return to;
        if (SipNameAddress.TryParse(to, out var address) && address!.Tag is not null) return to;
        return to + ";tag=" + toTag;
    }
}
