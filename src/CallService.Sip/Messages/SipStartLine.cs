using System.Text;

namespace CallService.Sip.Messages;

/// <summary>
/// The parsed Request-Line or Status-Line (RFC 3261 7.1, 7.2). Elements are separated by exactly one SP
/// (RFC 4475 3.1.2.9 / 3.1.2.10); the Request-URI holds no LWS and no headers component (3.1.2.8 / 3.1.2.11).
/// </summary>
internal struct SipStartLine
{
    public bool IsRequest;
    public SipMethod Method;
    public string? MethodToken;
    /// <summary>Where the Request-URI text lies in the line (the raw buffer).</summary>
    public int UriStart;
    public int UriLength;
    public int StatusCode;
    public string? ReasonPhrase;
    public SipParseError Error;
    public string? Detail;

    public SipStartLine(ReadOnlySpan<byte> line, char[] scratch)
    {
        if (line.IndexOf((byte)'\r') >= 0)
        {
            Fail(SipParseError.BadStartLine, "CR inside the start line");
            return;
        }

        if (line.Length > 4 && Ascii.EqualsIgnoreCase(line[..4], "SIP/"u8))
        {
            ParseStatusLine(line);
        }
        else
        {
            IsRequest = true;
            ParseRequestLine(line, scratch);
        }
    }

    private void ParseStatusLine(ReadOnlySpan<byte> line)
    {
        var sp = line.IndexOf((byte)' ');
        if (sp < 0)
        {
            Fail(SipParseError.BadStartLine, "no SP after SIP-Version");
            return;
        }

        var versionError = SipParser.CheckVersion(line[..sp]);
        if (versionError != SipParseError.None)
        {
            Fail(versionError, "SIP-Version " + Encoding.ASCII.GetString(line[..sp]));
            return;
        }

        var rest = line[(sp + 1)..];
        var sp2 = rest.IndexOf((byte)' ');
        var codeText = sp2 < 0 ? rest : rest[..sp2];
        var digits = 0;
        while (digits < codeText.Length && (uint)(codeText[digits] - '0') <= 9) digits++;
        if (digits != codeText.Length || digits == 0)
        {
            Fail(SipParseError.BadStartLine, "Status-Code is not 3DIGIT");
            return;
        }

        // RFC 3261 7.2 / RFC 4475 3.1.2.19: Status-Code is 3DIGIT, 100-699.
        if (digits != 3 || codeText[0] is < (byte)'1' or > (byte)'6')
        {
            Fail(SipParseError.BadStatusCode, "Status-Code out of range 100-699");
            return;
        }

        StatusCode = ((codeText[0] - '0') * 100) + ((codeText[1] - '0') * 10) + (codeText[2] - '0');

        // RFC 4475 3.1.1.13: the reason phrase may be empty.
        var reason = sp2 < 0 ? default : rest[(sp2 + 1)..];
        ReasonPhrase = SipReasonPhrases.TryGetShared(StatusCode, reason) ?? Encoding.UTF8.GetString(reason);
    }

    private void ParseRequestLine(ReadOnlySpan<byte> line, char[] scratch)
    {
        var sp = line.IndexOf((byte)' ');
        if (sp <= 0)
        {
            Fail(SipParseError.BadStartLine, "no method");
            return;
        }

        var method = line[..sp];
        foreach (var b in method)
        {
            if (!SipCharacters.IsToken(b))
            {
                Fail(SipParseError.BadStartLine, "Method is not a token");
                return;
            }
        }

        Method = SipMethods.Parse(method);
        MethodToken = Method == SipMethod.Unknown ? Encoding.ASCII.GetString(method) : SipMethods.ToToken(Method);

        var lastSp = line.LastIndexOf((byte)' ');
        UriStart = sp + 1;
        UriLength = (lastSp == sp ? line.Length : lastSp) - UriStart;
        if (lastSp == sp)
        {
            Fail(SipParseError.BadStartLine, "no SIP-Version");
            return;
        }

        var uri = line.Slice(UriStart, UriLength);
        var versionError = SipParser.CheckVersion(line[(lastSp + 1)..]);
        if (versionError != SipParseError.None)
        {
            Fail(versionError, "SIP-Version " + Encoding.UTF8.GetString(line[(lastSp + 1)..]));
            return;
        }

        if (uri.IsEmpty || uri[0] == (byte)' ' || uri[^1] == (byte)' ')
        {
            Fail(SipParseError.BadStartLine, "more than one SP between Request-Line elements");
            return;
        }

        if (uri.IndexOfAny((byte)' ', (byte)'\t') >= 0)
        {
            Fail(SipParseError.BadRequestUri, "LWS inside the Request-URI");
            return;
        }

        var n = Encoding.UTF8.GetChars(uri, scratch);
        if (!SipUriParser.TryParse(scratch.AsSpan(0, n), build: false, out _, out var hasHeaders))
        {
            Fail(SipParseError.BadRequestUri, "malformed Request-URI");
            return;
        }

        // RFC 3261 19.1.1 (table): the headers component is not allowed in a Request-URI.
        if (hasHeaders) Fail(SipParseError.BadRequestUri, "headers component in the Request-URI");
    }

    private void Fail(SipParseError error, string detail)
    {
        Error = error;
        Detail = detail;
    }
}
