namespace CallService.Sip.Messages;

/// <summary>
/// A SIP request or response (RFC 3261 7). Typed getters parse their header on demand and cache the
/// result until the headers change. A typed getter of a required header (Via, From, To, Call-ID, CSeq)
/// that is absent or malformed throws <see cref="InvalidOperationException"/>: the parser validated them,
/// so only hand-built messages can reach that.
/// </summary>
public abstract class SipMessage
{
    private protected SipMessage()
    {
        Headers = new SipHeaderCollection();
    }

    public string SipVersion { get; private protected set; } = "SIP/2.0";

    public SipHeaderCollection Headers { get; }

    /// <summary>The message body. The writer sets Content-Length from it.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    public string CallId => throw new NotImplementedException();

    public SipCSeq CSeq => throw new NotImplementedException();

    public SipNameAddress From => throw new NotImplementedException();

    public SipNameAddress To => throw new NotImplementedException();

    public IReadOnlyList<SipVia> Vias => throw new NotImplementedException();

    public SipVia TopVia => throw new NotImplementedException();

    public IReadOnlyList<SipNameAddress> Contacts => throw new NotImplementedException();

    public IReadOnlyList<SipNameAddress> RecordRoutes => throw new NotImplementedException();

    public IReadOnlyList<SipNameAddress> Routes => throw new NotImplementedException();

    public int? MaxForwards => throw new NotImplementedException();

    public string? ContentType => throw new NotImplementedException();

    public int? Expires => throw new NotImplementedException();

    /// <summary>Replaces the first Via value, keeping the others (RFC 3261 18.2.1 received/rport).</summary>
    public void SetTopVia(SipVia via) => throw new NotImplementedException();
}
