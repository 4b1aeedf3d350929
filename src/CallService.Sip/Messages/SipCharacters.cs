using System.Buffers;

namespace CallService.Sip.Messages;

/// <summary>Character classes of the RFC 3261 25.1 grammar, as one lookup table over ASCII.</summary>
internal static class SipCharacters
{
    private const byte Alphanum = 1;
    private const byte TokenExtra = 2;  // token = alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
    private const byte SchemeExtra = 4; // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )

    private static readonly byte[] Table = Build();

    private static byte[] Build()
    {
        var t = new byte[128];
        for (var c = '0'; c <= '9'; c++) t[c] |= Alphanum;
        for (var c = 'a'; c <= 'z'; c++) t[c] |= Alphanum;
        for (var c = 'A'; c <= 'Z'; c++) t[c] |= Alphanum;
        foreach (var c in "-.!%*_+`'~") t[c] |= TokenExtra;
        foreach (var c in "+-.") t[c] |= SchemeExtra;
        return t;
    }

    private const string AlphanumChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string MarkChars = "-_.!~*'()";

    /// <summary>token (RFC 3261 25.1), for vectorised scanning.</summary>
    public static readonly SearchValues<char> TokenValues = SearchValues.Create(AlphanumChars + "-.!%*_+`'~");

    /// <summary>Unescaped characters of user (unreserved / user-unreserved).</summary>
    public static readonly SearchValues<char> UserValues = SearchValues.Create(AlphanumChars + MarkChars + "&=+$,;?/");

    /// <summary>Unescaped characters of password (unreserved / "&amp;" / "=" / "+" / "$" / ",").</summary>
    public static readonly SearchValues<char> PasswordValues = SearchValues.Create(AlphanumChars + MarkChars + "&=+$,");

    /// <summary>paramchar without escapes (param-unreserved / unreserved).</summary>
    public static readonly SearchValues<char> ParamValues = SearchValues.Create(AlphanumChars + MarkChars + "[]/:&+$");

    /// <summary>hname/hvalue characters without escapes (hnv-unreserved / unreserved).</summary>
    public static readonly SearchValues<char> HeaderValues = SearchValues.Create(AlphanumChars + MarkChars + "[]/?:+$");

    /// <summary>word (RFC 3261 25.1) plus "@", the characters of a Call-ID.</summary>
    public static readonly SearchValues<char> CallIdValues = SearchValues.Create(AlphanumChars + "-.!%*_+`'~()<>:\\\"/[]?{}@");

    /// <summary>hostname / IPv4address characters (underscore tolerated).</summary>
    public static readonly SearchValues<char> HostValues = SearchValues.Create(AlphanumChars + "-._");

    private static bool Has(char c, byte flags) => c < 128 && (Table[c] & flags) != 0;

    public static bool IsToken(char c) => Has(c, Alphanum | TokenExtra);

    public static bool IsToken(byte b) => b < 128 && (Table[b] & (Alphanum | TokenExtra)) != 0;

    public static bool IsSchemeChar(char c) => Has(c, Alphanum | SchemeExtra);

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    /// <summary>Characters an opaque (non-SIP) absolute URI may not carry unescaped.</summary>
    public static bool IsOpaqueUriChar(char c) => c > ' ' && c != 0x7F && c is not ('<' or '>' or '"');

    public static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
