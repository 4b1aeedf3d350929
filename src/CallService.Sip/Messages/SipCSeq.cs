namespace CallService.Sip.Messages;

/// <summary>The CSeq header field (RFC 3261 20.16): a 32-bit sequence number and the request method.</summary>
public readonly record struct SipCSeq(uint Number, SipMethod Method, string MethodToken)
{
    public SipCSeq(uint number, SipMethod method)
        : this(number, method, SipMethods.ToToken(method))
    {
    }

    /// <summary>Parses "1*DIGIT LWS Method"; the number must fit 32 bits (RFC 3261 8.1.1.5, RFC 4475 3.1.2.4).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipCSeq cseq)
    {
        cseq = default;
        var i = SipGrammar.SkipWhitespace(text, 0);
        var digitsEnd = i;
        while (digitsEnd < text.Length && SipCharacters.IsDigit(text[digitsEnd])) digitsEnd++;
        if (!SipGrammar.TryParseUInt32(text[i..digitsEnd], out var number)) return false;
        var methodStart = SipGrammar.SkipWhitespace(text, digitsEnd);
        if (methodStart == digitsEnd) return false; // LWS required
        var methodEnd = SipGrammar.ScanToken(text, methodStart);
        if (methodEnd == methodStart || SipGrammar.SkipWhitespace(text, methodEnd) != text.Length) return false;
        var token = text[methodStart..methodEnd];
        var method = SipMethods.Parse(token);
        cseq = new SipCSeq(number, method, method == SipMethod.Unknown ? new string(token) : SipMethods.ToToken(method));
        return true;
    }

    public override string ToString() => $"{Number} {MethodToken}";
}
