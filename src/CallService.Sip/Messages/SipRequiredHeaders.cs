namespace CallService.Sip.Messages;

/// <summary>
/// Checks the header fields every message must carry (RFC 3261 8.1.1: Via, From, To, Call-ID, CSeq;
/// Max-Forwards when present) and the address lists routing reads (Contact, Route, Record-Route).
/// The check runs the same grammar the typed getters use, without building objects, so a getter of a
/// parsed message cannot fail and costs nothing until it is read.
/// </summary>
internal struct SipRequiredHeaders(byte[] raw, SipHeaderCollection headers, char[] scratch)
{
    private SipCSeq _cseq;
    private int? _maxForwards;

    public bool TryValidate(string? requestMethod, out SipParseError error, out string? detail)
    {
        int via = -1, from = -1, to = -1, callId = -1, cseq = -1, maxForwards = -1;
        int fromCount = 0, toCount = 0, callIdCount = 0, cseqCount = 0, maxForwardsCount = 0, viaCount = 0;
        int contact = -1, recordRoute = -1, route = -1;
        for (var i = 0; i < headers.Count; i++)
        {
            switch (headers.IdAt(i))
            {
                case SipHeaderId.Via: Note(ref via, ref viaCount, i); break;
                case SipHeaderId.From: Note(ref from, ref fromCount, i); break;
                case SipHeaderId.To: Note(ref to, ref toCount, i); break;
                case SipHeaderId.CallId: Note(ref callId, ref callIdCount, i); break;
                case SipHeaderId.CSeq: Note(ref cseq, ref cseqCount, i); break;
                case SipHeaderId.MaxForwards: Note(ref maxForwards, ref maxForwardsCount, i); break;
                case SipHeaderId.Contact: if (contact < 0) contact = i; break;
                case SipHeaderId.RecordRoute: if (recordRoute < 0) recordRoute = i; break;
                case SipHeaderId.Route: if (route < 0) route = i; break;
            }
        }

        // RFC 4475 3.3.1: name every missing field.
        if (via < 0 || from < 0 || to < 0 || callId < 0 || cseq < 0)
        {
            var missing = new List<string>(5);
            if (via < 0) missing.Add(SipHeaderNames.Via);
            if (from < 0) missing.Add(SipHeaderNames.From);
            if (to < 0) missing.Add(SipHeaderNames.To);
            if (callId < 0) missing.Add(SipHeaderNames.CallId);
            if (cseq < 0) missing.Add(SipHeaderNames.CSeq);
            return Fail(SipParseError.MissingRequiredHeader, string.Join(", ", missing), out error, out detail);
        }

        // RFC 4475 3.3.8: single-valued fields given more than once.
        if (fromCount > 1) return Fail(SipParseError.DuplicateSingletonHeader, SipHeaderNames.From, out error, out detail);
        if (toCount > 1) return Fail(SipParseError.DuplicateSingletonHeader, SipHeaderNames.To, out error, out detail);
        if (callIdCount > 1) return Fail(SipParseError.DuplicateSingletonHeader, SipHeaderNames.CallId, out error, out detail);
        if (cseqCount > 1) return Fail(SipParseError.DuplicateSingletonHeader, SipHeaderNames.CSeq, out error, out detail);
        if (maxForwardsCount > 1) return Fail(SipParseError.DuplicateSingletonHeader, SipHeaderNames.MaxForwards, out error, out detail);

        for (var i = via; i >= 0; i = headers.IndexOf(SipHeaderId.Via, i + 1))
        {
            if (!SipViaParser.TryParseList(Chars(i), null)) return Fail(SipParseError.BadVia, SipHeaderNames.Via, out error, out detail);
        }

        if (!SipNameAddressParser.TryParseSingle(Chars(from), build: false, out var f) || f is { IsWildcard: true })
        {
            return Fail(SipParseError.BadFromTo, SipHeaderNames.From, out error, out detail);
        }

        if (!SipNameAddressParser.TryParseSingle(Chars(to), build: false, out var t) || t is { IsWildcard: true })
        {
            return Fail(SipParseError.BadFromTo, SipHeaderNames.To, out error, out detail);
        }

        if (!SipMessage.IsValidCallId(Chars(callId))) return Fail(SipParseError.BadCallId, SipHeaderNames.CallId, out error, out detail);

        // RFC 3261 8.1.1.5 / RFC 4475 3.1.2.4: the number must fit 32 bits.
        if (!SipCSeq.TryParse(Chars(cseq), out _cseq)) return Fail(SipParseError.BadCSeq, SipHeaderNames.CSeq, out error, out detail);

        // RFC 3261 8.1.1.5 / RFC 4475 3.1.2.17: the CSeq method matches the Request-Line method.
        if (requestMethod is not null && !string.Equals(requestMethod, _cseq.MethodToken, StringComparison.Ordinal))
        {
            return Fail(SipParseError.CSeqMethodMismatch, $"Request-Line {requestMethod}, CSeq {_cseq.MethodToken}", out error, out detail);
        }

        if (maxForwards >= 0)
        {
            if (!SipMessage.TryParseMaxForwards(Chars(maxForwards), out var mf))
            {
                return Fail(SipParseError.BadMaxForwards, SipHeaderNames.MaxForwards, out error, out detail);
            }

            _maxForwards = mf;
        }

        if (!AddressesAreValid(SipHeaderId.Contact, contact)) return Fail(SipParseError.BadContact, SipHeaderNames.Contact, out error, out detail);
        if (!AddressesAreValid(SipHeaderId.RecordRoute, recordRoute)) return Fail(SipParseError.BadRoute, SipHeaderNames.RecordRoute, out error, out detail);
        if (!AddressesAreValid(SipHeaderId.Route, route)) return Fail(SipParseError.BadRoute, SipHeaderNames.Route, out error, out detail);

        error = SipParseError.None;
        detail = null;
        return true;
    }

    public readonly void Apply(SipMessage message) => message.SetValidated(_cseq, _maxForwards);

    private readonly bool AddressesAreValid(SipHeaderId id, int first)
    {
        for (var i = first; i >= 0; i = headers.IndexOf(id, i + 1))
        {
            if (!SipNameAddressParser.TryParseList(Chars(i), null)) return false;
        }

        return true;
    }

    private readonly ReadOnlySpan<char> Chars(int index)
    {
        ref readonly var e = ref headers.EntryAt(index);
        var n = SipText.Decode(raw.AsSpan(e.ValueStart, e.ValueLength), e.Folded, scratch);
        return scratch.AsSpan(0, n);
    }

    private static void Note(ref int first, ref int count, int index)
    {
        if (first < 0) first = index;
        count++;
    }

    private static bool Fail(SipParseError e, string d, out SipParseError error, out string? detail)
    {
        error = e;
        detail = d;
        return false;
    }
}
