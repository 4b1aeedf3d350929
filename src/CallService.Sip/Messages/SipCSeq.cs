namespace CallService.Sip.Messages;

/// <summary>The CSeq header field (RFC 3261 20.16): a 32-bit sequence number and the request method.</summary>
public readonly record struct SipCSeq(uint Number, SipMethod Method, string MethodToken)
{
    public SipCSeq(uint number, SipMethod method)
        : this(number, method, SipMethods.ToToken(method))
    {
    }

    /// <summary>Parses "1*DIGIT LWS Method"; the number must fit 32 bits (RFC 3261 8.1.1.5).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipCSeq cseq)
    {
        throw new NotImplementedException();
    }

    public override string ToString() => $"{Number} {MethodToken}";
}
