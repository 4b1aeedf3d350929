using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipRequestValidatorTests
{
    private static SipValidationResult Validate(string text, SipValidationPolicy? policy = null) =>
        SipRequestValidator.Validate(SipSamples.ParseRequest(text), policy ?? SipValidationPolicy.Default);

    [Fact]
    public void A_plain_invite_with_sdp_is_ok()
    {
        Assert.True(Validate(SipSamples.Invite).IsOk);
    }

    [Fact]
    public void Known_but_disallowed_method_is_405_and_unknown_is_501_both_with_allow()
    {
        var r405 = Validate(SipSamples.Request(method: "REGISTER"));
        Assert.Equal(405, r405.StatusCode);
        Assert.Equal(new SipHeader("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS"), Assert.Single(r405.ResponseHeaders));

        var r501 = Validate(SipSamples.Request(method: "FROB"));
        Assert.Equal(501, r501.StatusCode);
        Assert.Equal("Not Implemented", r501.ReasonPhrase);
        Assert.Equal("Allow", Assert.Single(r501.ResponseHeaders).Name);
    }

    [Fact]
    public void Ack_is_never_rejected()
    {
        Assert.True(Validate(SipSamples.Request(method: "ACK", uri: "tel:+1555")).IsOk);
    }

    [Fact]
    public void Unsupported_uri_scheme_is_416()
    {
        Assert.Equal(416, Validate(SipSamples.Request(uri: "tel:+15551234")).StatusCode);
        var telPolicy = new SipValidationPolicy { SupportedUriSchemes = new HashSet<string> { "sip", "tel" } };
        Assert.True(Validate(SipSamples.Request(uri: "tel:+15551234"), telPolicy).IsOk);
    }

    [Fact]
    public void Require_with_unknown_options_is_420_listing_them()
    {
        var result = Validate(SipSamples.Request("Require: 100rel, foo\r\nRequire: bar\r\nProxy-Require: baz\r\n"));
        Assert.Equal(420, result.StatusCode);
        Assert.Equal(new SipHeader("Unsupported", "100rel, foo, bar"), Assert.Single(result.ResponseHeaders));

        var policy = new SipValidationPolicy { SupportedExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "100rel", "foo", "bar" } };
        Assert.True(Validate(SipSamples.Request("Require: 100rel, foo\r\nRequire: bar\r\n"), policy).IsOk);
    }

    [Fact]
    public void Unaccepted_body_type_or_encoding_is_415()
    {
        var type = Validate(SipSamples.Request("Content-Type: text/html\r\n", "<p>hi</p>"));
        Assert.Equal(415, type.StatusCode);
        Assert.Contains(new SipHeader("Accept", "application/sdp"), type.ResponseHeaders);
        Assert.Contains(new SipHeader("Accept-Encoding", "identity"), type.ResponseHeaders);

        var encoding = Validate(SipSamples.Request("Content-Type: application/SDP; charset=utf-8\r\nContent-Encoding: gzip\r\n", "v=0\r\n"));
        Assert.Equal(415, encoding.StatusCode);
        Assert.Equal("Accept-Encoding", Assert.Single(encoding.ResponseHeaders).Name);

        Assert.True(Validate(SipSamples.Request("Content-Type: Application/SDP\r\n", "v=0\r\n")).IsOk);
        Assert.True(Validate(SipSamples.Request("Content-Type: text/html\r\n")).IsOk); // no body, nothing to process
    }

    [Fact]
    public void A_body_without_content_type_is_400()
    {
        var result = Validate(SipSamples.Request(body: "v=0\r\n"));
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("Content-Type", result.ReasonPhrase);
    }

    [Fact]
    public void Invite_whose_accept_excludes_sdp_is_406()
    {
        var invite = SipSamples.Request("Accept: text/plain\r\nContent-Type: application/sdp\r\n", "v=0\r\n", method: "INVITE");
        var result = Validate(invite);
        Assert.Equal(406, result.StatusCode);
        Assert.StartsWith("399 callservice ", Assert.Single(result.ResponseHeaders).Value);
        Assert.True(Validate(invite.Replace("Accept: text/plain", "Accept: application/*")).IsOk);
    }

    [Fact]
    public void Malformed_date_is_400_unless_the_policy_ignores_dates()
    {
        var bad = SipSamples.Request("Date: Fri, 01 Jan 2010 16:00:00 EST\r\n");
        Assert.Equal(400, Validate(bad).StatusCode);
        Assert.True(Validate(bad, new SipValidationPolicy { RejectMalformedDate = false }).IsOk);
        Assert.True(Validate(SipSamples.Request("Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n")).IsOk);
    }

    [Fact]
    public void Register_needs_a_sip_to()
    {
        var registrar = new SipValidationPolicy { AllowedMethods = new HashSet<SipMethod> { SipMethod.Register } };
        var register = SipSamples.Request(method: "REGISTER");
        Assert.True(Validate(register, registrar).IsOk);
        Assert.Equal(400, Validate(register.Replace("To: <sip:bob@example.com>", "To: <tel:+1555>"), registrar).StatusCode);
    }

    [Fact]
    public void Proxy_answers_483_416_and_420_for_proxy_require_only()
    {
        var proxy = new SipValidationPolicy { IsProxy = true };
        Assert.Equal(483, Validate(SipSamples.Request().Replace("Max-Forwards: 70", "Max-Forwards: 0"), proxy).StatusCode);
        Assert.True(Validate(SipSamples.Request().Replace("Max-Forwards: 70", "Max-Forwards: 0")).IsOk); // a UAS processes it
        Assert.Equal(416, Validate(SipSamples.Request(uri: "urn:x:y"), proxy).StatusCode);
        Assert.True(Validate(SipSamples.Request("Require: foo\r\n", method: "FROB"), proxy).IsOk); // proxies forward any method
        Assert.Equal(420, Validate(SipSamples.Request("Proxy-Require: foo\r\n"), proxy).StatusCode);
    }

    [Fact]
    public void Creates_the_rejection_response()
    {
        var request = SipSamples.ParseRequest(SipSamples.Request("Require: foo\r\n"));
        var result = SipRequestValidator.Validate(request, SipValidationPolicy.Default);
        var response = result.CreateResponse(request, "tag9");

        Assert.Equal(420, response.StatusCode);
        Assert.Equal("Bad Extension", response.ReasonPhrase);
        Assert.Equal("foo", response.Headers["Unsupported"]);
        Assert.Equal("tag9", response.To.Tag);
        Assert.Throws<InvalidOperationException>(() => SipValidationResult.Ok.CreateResponse(request));
    }
}
