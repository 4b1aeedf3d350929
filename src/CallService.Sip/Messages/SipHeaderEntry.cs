namespace CallService.Sip.Messages;

/// <summary>
/// One header line. A parsed line points into the message's raw buffer; its name and value strings
/// are only materialised when read (so an unread header costs no allocation).
/// </summary>
internal struct SipHeaderEntry
{
    public SipHeaderId Id;

    /// <summary>
    /// Full canonical name (known headers) or the name as received/added (unknown); null until first read
    /// on a parsed line (the canonical name follows from <see cref="Id"/>).
    /// </summary>
    public string? Name;

    /// <summary>The value; null until materialised from the raw buffer.</summary>
    public string? Value;

    /// <summary>True when the line came from the raw buffer (offsets below are valid).</summary>
    public bool HasRaw;

    /// <summary>The raw value spans continuation lines (RFC 3261 7.3.1 folding).</summary>
    public bool Folded;

    public int NameStart;
    public int NameLength;
    public int ValueStart;
    public int ValueLength;
}
