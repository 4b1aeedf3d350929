namespace CallService.Sip.Messages;

/// <summary>
/// A SIP request or response (RFC 3261 7). Typed getters parse their header on demand and cache the
/// result until the headers change. A typed getter of a required header (Via, From, To, Call-ID, CSeq)
/// that is absent or malformed throws <see cref="InvalidOperationException"/>; <see cref="SipParser"/>
/// validated all of them (and Contact, Route, Record-Route, Max-Forwards), so on a parsed message no
/// typed getter throws.
/// </summary>
public abstract class SipMessage
{
    private static readonly SipNameAddress[] NoAddresses = [];

    private int _cacheVersion = -1;
    private string? _callId;
    private SipCSeq? _cseq;
    private SipNameAddress? _from;
    private SipNameAddress? _to;
    private IReadOnlyList<SipVia>? _vias;
    private IReadOnlyList<SipNameAddress>? _contacts;
    private IReadOnlyList<SipNameAddress>? _recordRoutes;
    private IReadOnlyList<SipNameAddress>? _routes;
    private int? _maxForwards;
    private bool _maxForwardsRead;

    private protected SipMessage(SipHeaderCollection headers)
    {
        Headers = headers;
    }

    /// <summary>Always "SIP/2.0": the parser rejects any other version (505).</summary>
    public string SipVersion => "SIP/2.0";

    public SipHeaderCollection Headers { get; }

    /// <summary>The message body. The writer sets Content-Length from it.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    public string CallId
    {
        get
        {
            Sync();
            return _callId ??= ReadCallId(Headers) ?? throw Missing(SipHeaderNames.CallId);
        }
    }

    public SipCSeq CSeq
    {
        get
        {
            Sync();
            return _cseq ??= ReadSingle(SipHeaderId.CSeq, SipHeaderNames.CSeq) is { } v && SipCSeq.TryParse(v, out var c)
                ? c
                : throw Missing(SipHeaderNames.CSeq);
        }
    }

    public SipNameAddress From
    {
        get
        {
            Sync();
            return _from ??= ReadAddress(SipHeaderId.From, SipHeaderNames.From);
        }
    }

    public SipNameAddress To
    {
        get
        {
            Sync();
            return _to ??= ReadAddress(SipHeaderId.To, SipHeaderNames.To);
        }
    }

    /// <summary>All Via values in order, across lines and comma lists; the first is the top Via.</summary>
    public IReadOnlyList<SipVia> Vias
    {
        get
        {
            Sync();
            if (_vias is null)
            {
                var list = new List<SipVia>(2);
                for (var i = Headers.IndexOf(SipHeaderId.Via, 0); i >= 0; i = Headers.IndexOf(SipHeaderId.Via, i + 1))
                {
                    if (!Headers.ParseValue(i, ParseViaList, ref list)) throw Malformed(SipHeaderNames.Via);
                }

                if (list.Count == 0) throw Missing(SipHeaderNames.Via);
                _vias = list;
            }

            return _vias;
        }
    }

    public SipVia TopVia => Vias[0];

    /// <summary>Contact values (empty when absent). A REGISTER may carry the wildcard (IsWildcard).</summary>
    public IReadOnlyList<SipNameAddress> Contacts
    {
        get
        {
            Sync();
            return _contacts ??= ReadAddressList(SipHeaderId.Contact, SipHeaderNames.Contact);
        }
    }

    public IReadOnlyList<SipNameAddress> RecordRoutes
    {
        get
        {
            Sync();
            return _recordRoutes ??= ReadAddressList(SipHeaderId.RecordRoute, SipHeaderNames.RecordRoute);
        }
    }

    public IReadOnlyList<SipNameAddress> Routes
    {
        get
        {
            Sync();
            return _routes ??= ReadAddressList(SipHeaderId.Route, SipHeaderNames.Route);
        }
    }

    /// <summary>Max-Forwards (0-255, RFC 3261 20.22), or null when absent or malformed.</summary>
    public int? MaxForwards
    {
        get
        {
            Sync();
            if (!_maxForwardsRead)
            {
                _maxForwards = ReadSingle(SipHeaderId.MaxForwards, SipHeaderNames.MaxForwards) is { } v && TryParseMaxForwards(v, out var mf) ? mf : null;
                _maxForwardsRead = true;
            }

            return _maxForwards;
        }
    }

    /// <summary>The Content-Type value as written (media type and parameters), or null.</summary>
    public string? ContentType => Headers.IndexOf(SipHeaderId.ContentType, 0) is var i and >= 0 ? Headers.ValueAt(i) : null;

    /// <summary>
    /// The Expires header (delta-seconds, RFC 3261 20.19); null when absent or malformed. Values beyond
    /// int.MaxValue (but within 2^32-1) are clamped.
    /// </summary>
    public int? Expires
    {
        get
        {
            var i = Headers.IndexOf(SipHeaderId.Expires, 0);
            if (i < 0 || !SipGrammar.TryParseUInt32(Headers.ValueAt(i).AsSpan().Trim(), out var v)) return null;
            return v > int.MaxValue ? int.MaxValue : (int)v;
        }
    }

    /// <summary>Replaces the first Via value, keeping the others (e.g. to add received/rport, RFC 3261 18.2.1).</summary>
    public void SetTopVia(SipVia via)
    {
        ArgumentNullException.ThrowIfNull(via);
        var vias = _cacheVersion == Headers.Version ? _vias : null;
        var i = Headers.IndexOf(SipHeaderId.Via, 0);
        if (i < 0)
        {
            Headers.Insert(0, SipHeaderNames.Via, via.ToString());
        }
        else
        {
            var value = Headers.ValueAt(i);
            var first = SipListSplitter.FirstElementLength(value);
            Headers.SetValueAt(i, via.ToString() + value[first..]);
        }

        if (vias is not null && i >= 0)
        {
            // Only the top Via changed: keep the other cached views.
            var updated = new List<SipVia>(vias) { [0] = via };
            _vias = updated;
            _cacheVersion = Headers.Version;
        }
    }

    /// <summary>Removes the first Via value (a proxy forwarding a response, RFC 3261 16.7 step 3). False when there is none.</summary>
    public bool RemoveTopVia()
    {
        var i = Headers.IndexOf(SipHeaderId.Via, 0);
        if (i < 0) return false;
        var value = Headers.ValueAt(i);
        var first = SipListSplitter.FirstElementLength(value);
        if (first >= value.Length)
        {
            Headers.RemoveAt(i);
        }
        else
        {
            Headers.SetValueAt(i, value[(first + 1)..].TrimStart());
        }

        return true;
    }

    /// <summary>Called by the parser once the headers are validated: keeps the scalar values it already read.</summary>
    internal void SetValidated(SipCSeq cseq, int? maxForwards)
    {
        _cacheVersion = Headers.Version;
        _cseq = cseq;
        _maxForwards = maxForwards;
        _maxForwardsRead = true;
    }

    internal static string? ReadCallId(SipHeaderCollection headers)
    {
        var i = headers.IndexOf(SipHeaderId.CallId, 0);
        if (i < 0 || headers.IndexOf(SipHeaderId.CallId, i + 1) >= 0) return null;
        var value = headers.ValueAt(i);
        return IsValidCallId(value) ? value : null;
    }

    /// <summary>RFC 3261 25.1: callid = word [ "@" word ].</summary>
    internal static bool IsValidCallId(ReadOnlySpan<char> value)
    {
        var at = value.IndexOf('@');
        if (at >= 0 && (at == 0 || at == value.Length - 1 || value[(at + 1)..].IndexOf('@') >= 0)) return false;
        return !value.IsEmpty && value.IndexOfAnyExcept(SipCharacters.CallIdValues) < 0;
    }

    /// <summary>RFC 3261 20.22: 1*DIGIT, and the range is 0-255.</summary>
    internal static bool TryParseMaxForwards(ReadOnlySpan<char> value, out int maxForwards)
    {
        maxForwards = 0;
        value = value.Trim(" \t");
        if (!SipGrammar.TryParseUInt32(value, out var v) || v > 255) return false;
        maxForwards = (int)v;
        return true;
    }

    private void Sync()
    {
        if (_cacheVersion == Headers.Version) return;
        _cacheVersion = Headers.Version;
        _callId = null;
        _cseq = null;
        _from = null;
        _to = null;
        _vias = null;
        _contacts = null;
        _recordRoutes = null;
        _routes = null;
        _maxForwards = null;
        _maxForwardsRead = false;
    }

    private string? ReadSingle(SipHeaderId id, string name)
    {
        var i = Headers.IndexOf(id, 0);
        if (i < 0) return null;
        if (Headers.IndexOf(id, i + 1) >= 0) throw new InvalidOperationException($"The message has more than one {name} header.");
        return Headers.ValueAt(i);
    }

    private SipNameAddress ReadAddress(SipHeaderId id, string name)
    {
        var i = Headers.IndexOf(id, 0);
        if (i < 0) throw Missing(name);
        if (Headers.IndexOf(id, i + 1) >= 0) throw new InvalidOperationException($"The message has more than one {name} header.");
        SipNameAddress? address = null;
        return Headers.ParseValue(i, ParseAddress, ref address) && !address!.IsWildcard ? address : throw Malformed(name);
    }

    private IReadOnlyList<SipNameAddress> ReadAddressList(SipHeaderId id, string name)
    {
        var i = Headers.IndexOf(id, 0);
        if (i < 0) return NoAddresses;
        var list = new List<SipNameAddress>(1);
        for (; i >= 0; i = Headers.IndexOf(id, i + 1))
        {
            if (!Headers.ParseValue(i, ParseAddressList, ref list)) throw Malformed(name);
        }

        return list;
    }

    private static bool ParseAddress(ReadOnlySpan<char> value, ref SipNameAddress? address) => SipNameAddressParser.TryParseSingle(value, out address);

    private static bool ParseAddressList(ReadOnlySpan<char> value, ref List<SipNameAddress> list) => SipNameAddressParser.TryParseList(value, list);

    private static bool ParseViaList(ReadOnlySpan<char> value, ref List<SipVia> list) => SipViaParser.TryParseList(value, list);

    private static InvalidOperationException Missing(string name) =>
        new($"The message has no valid {name} header (only messages validated by SipParser are safe to read).");

    private static InvalidOperationException Malformed(string name) =>
        new($"The message's {name} header is malformed.");
}
