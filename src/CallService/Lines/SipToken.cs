namespace CallService.Lines;

/// <summary>RFC 3261 25.1 token characters, for the line number (the user part callers dial).</summary>
internal static class SipToken
{
    // RFC 3261 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    public static bool IsToken(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }
        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "-.!%*_+`'~".IndexOf(c) < 0)
            {
                return false;
            }
        }
        return true;
    }
}
