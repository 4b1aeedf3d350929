using System.Globalization;

namespace CallService.Sip.Messages;

/// <summary>
/// RFC 3261 8.2.1-8.2.3 (UAS) and 16.3 (proxy) checks on a parsed request, in the RFC's order, with the
/// answers RFC 4475 expects: 405/501 (method), 416 (URI scheme), 420 (Require / Proxy-Require),
/// 415 (Content-Type / Content-Encoding), 406 (Accept without SDP on INVITE), 483 (Max-Forwards 0 at a
/// proxy) and 400 for the remaining semantic faults (reason phrase names the problem).
/// </summary>
public static class SipRequestValidator
{
    public static SipValidationResult Validate(SipRequest request, SipValidationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);

        // RFC 3261 17: an ACK is never answered, so there is nothing to reject it with.
        if (request.Method == SipMethod.Ack) return SipValidationResult.Ok;
        return policy.IsProxy ? ValidateAsProxy(request, policy) : ValidateAsUas(request, policy);
    }

    private static SipValidationResult ValidateAsProxy(SipRequest request, SipValidationPolicy policy)
    {
        // RFC 3261 16.3 step 2: a Request-URI scheme the proxy does not understand.
        if (!policy.SupportedUriSchemes.Contains(request.RequestUri.Scheme)) return SipValidationResult.Reject(416, null);

        // RFC 3261 16.3 step 3 / RFC 4475 3.3.11.
        if (request.MaxForwards == 0) return SipValidationResult.Reject(483, null);

        // RFC 3261 16.3 step 5 / RFC 4475 3.3.5.
        var unsupported = Unsupported(request, SipHeaderNames.ProxyRequire, policy);
        if (unsupported is not null) return SipValidationResult.Reject(420, null, new SipHeader(SipHeaderNames.Unsupported, unsupported));
        return SipValidationResult.Ok;
    }

    private static SipValidationResult ValidateAsUas(SipRequest request, SipValidationPolicy policy)
    {
        // RFC 3261 8.2.1: 405 for a known method this UAS does not allow, 501 for one it does not know;
        // both list the methods it does allow (RFC 4475 3.1.1.2).
        if (!policy.AllowedMethods.Contains(request.Method) || request.Method == SipMethod.Unknown)
        {
            var code = request.Method == SipMethod.Unknown ? 501 : 405;
            return SipValidationResult.Reject(code, null, new SipHeader(SipHeaderNames.Allow, AllowValue(policy)));
        }

        // RFC 3261 8.2.2.1 / RFC 4475 3.3.2, 3.3.3.
        if (!policy.SupportedUriSchemes.Contains(request.RequestUri.Scheme)) return SipValidationResult.Reject(416, null);

        // RFC 3261 20.17: SIP-date is rfc1123-date in GMT (RFC 4475 3.1.2.12).
        var date = request.Headers[SipHeaderNames.Date];
        if (date is not null && policy.RejectMalformedDate && !IsValidSipDate(date))
        {
            return SipValidationResult.Reject(400, "Malformed Date Header Field");
        }

        // RFC 3261 10.3 step 3 / RFC 4475 3.3.4: a registrar's address-of-record is a SIP or SIPS URI.
        if (request.Method == SipMethod.Register && !request.To.Uri.IsSipOrSips)
        {
            return SipValidationResult.Reject(400, "To Is Not a SIP or SIPS URI");
        }

        // RFC 3261 8.2.2.3 / RFC 4475 3.3.5.
        var unsupported = Unsupported(request, SipHeaderNames.Require, policy);
        if (unsupported is not null) return SipValidationResult.Reject(420, null, new SipHeader(SipHeaderNames.Unsupported, unsupported));

        // RFC 3261 8.2.3 / RFC 4475 3.3.6.
        var content = ValidateContent(request, policy);
        if (!content.IsOk) return content;

        // RFC 4475 3.3.15: the answer to an INVITE carries SDP; an Accept without it cannot be honoured.
        if (request.Method == SipMethod.Invite && policy.AcceptedContentTypes.Contains("application/sdp")
            && request.Headers.Contains(SipHeaderNames.Accept) && !AcceptsSdp(request))
        {
            return SipValidationResult.Reject(406, null,
                new SipHeader(SipHeaderNames.Warning, $"399 {policy.WarningAgent} \"Responses are only formulated in application/sdp\""));
        }

        return SipValidationResult.Ok;
    }

    private static SipValidationResult ValidateContent(SipRequest request, SipValidationPolicy policy)
    {
        var contentType = request.ContentType;
        if (request.Body.IsEmpty) return SipValidationResult.Ok;

        // RFC 3261 7.4.1: a non-empty body needs a Content-Type.
        if (contentType is null) return SipValidationResult.Reject(400, "Missing Content-Type Header Field");

        var mediaType = MediaType(contentType);
        if (!policy.AcceptedContentTypes.Contains(mediaType))
        {
            return SipValidationResult.Reject(415, null,
                new SipHeader(SipHeaderNames.Accept, string.Join(", ", policy.AcceptedContentTypes.Order(StringComparer.Ordinal))),
                new SipHeader(SipHeaderNames.AcceptEncoding, string.Join(", ", policy.AcceptedContentEncodings.Order(StringComparer.Ordinal))));
        }

        foreach (var coding in request.Headers.GetValues(SipHeaderNames.ContentEncoding))
        {
            if (!policy.AcceptedContentEncodings.Contains(coding.Trim()))
            {
                return SipValidationResult.Reject(415, null,
                    new SipHeader(SipHeaderNames.AcceptEncoding, string.Join(", ", policy.AcceptedContentEncodings.Order(StringComparer.Ordinal))));
            }
        }

        return SipValidationResult.Ok;
    }

    private static bool AcceptsSdp(SipRequest request)
    {
        foreach (var range in request.Headers.GetValues(SipHeaderNames.Accept))
        {
            var media = MediaType(range);
            if (media is "application/sdp" or "application/*" or "*/*") return true;
        }

        return false;
    }

    /// <summary>The option tags of <paramref name="headerName"/> this element does not support, comma-joined; null if none.</summary>
    private static string? Unsupported(SipRequest request, string headerName, SipValidationPolicy policy)
    {
        List<string>? unsupported = null;
        foreach (var tag in request.Headers.GetValues(headerName))
        {
            if (!policy.SupportedExtensions.Contains(tag)) (unsupported ??= []).Add(tag);
        }

        return unsupported is null ? null : string.Join(", ", unsupported);
    }

    private static string AllowValue(SipValidationPolicy policy) =>
        string.Join(", ", policy.AllowedMethods.Where(m => m != SipMethod.Unknown).Order().Select(SipMethods.ToToken));

    /// <summary>"type/subtype" lower-cased, without parameters.</summary>
    internal static string MediaType(string value)
    {
        var semi = value.IndexOf(';');
        var media = (semi < 0 ? value : value[..semi]).Trim();
        return media.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
    }

    /// <summary>RFC 3261 25.1: rfc1123-date = wkday "," SP date1 SP time SP "GMT".</summary>
    internal static bool IsValidSipDate(string value) =>
        DateTime.TryParseExact(value.Trim(), "ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);
}
