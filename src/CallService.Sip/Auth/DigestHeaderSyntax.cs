namespace CallService.Sip.Auth;

/// <summary>The scheme part of a digest header value and the shared parameter helpers.</summary>
internal static class DigestHeaderSyntax
{
    public const string Scheme = "Digest";

    /// <summary>
    /// RFC 3261 25.1: challenge/credentials = ("Digest" LWS digest-cln *(COMMA digest-cln)).
    /// The scheme is case-insensitive (RFC 7235 2.1). On success <paramref name="parameters"/>
    /// is the text after the scheme.
    /// </summary>
    public static bool TryReadScheme(ReadOnlySpan<char> value, out ReadOnlySpan<char> parameters, out DigestParseError error)
    {
        parameters = default;
        ReadOnlySpan<char> rest = AuthParamReader.SkipLws(value);
        if (rest.IsEmpty)
        {
            error = DigestParseError.Empty;
            return false;
        }

        int schemeLength = AuthParamReader.TokenLength(rest);
        if (!rest[..schemeLength].Equals(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            error = DigestParseError.NotDigestScheme;
            return false;
        }

        rest = rest[schemeLength..];
        if (!rest.IsEmpty && rest[0] is not (' ' or '\t' or '\r' or '\n'))
        {
            // "Digest,realm=..." or "Digest=...": the scheme must be followed by LWS.
            error = DigestParseError.NotDigestScheme;
            return false;
        }

        parameters = rest;
        error = DigestParseError.None;
        return true;
    }

    /// <summary>Stores a parameter once; a second occurrence is <see cref="DigestParseError.DuplicateParameter"/>.</summary>
    public static bool TrySet(ref string? field, in AuthParam param, ref DigestParseError error)
    {
        if (field is not null)
        {
            error = DigestParseError.DuplicateParameter;
            return false;
        }

        field = param.ValueToString();
        return true;
    }

    /// <summary>RFC 3261 25.1: nc-value = 8LHEX. Upper-case hex is accepted (liberal), the text is kept as sent.</summary>
    public static bool IsNonceCount(ReadOnlySpan<char> value) =>
        value.Length == 8 && !value.ContainsAnyExcept("0123456789abcdefABCDEF");
}
