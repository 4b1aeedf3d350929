using System.Text;
using CallService.Sip.Messages;

namespace CallService.Tests.Conformance;

/// <summary>
/// What RFC 4475 asks of each torture message beyond the INDEX verdict: the parse error that names the
/// fault, the response the stack sends (or that it drops the message), and the tricky fields a
/// well-formed message must yield. The verdict itself (accept or reject) is read from INDEX.txt.
/// </summary>
internal static class Rfc4475Expectations
{
    /// <summary>The element role under test: a UAS that also registers (REGISTER and MESSAGE allowed).</summary>
    public static readonly SipValidationPolicy Registrar = new()
    {
        AllowedMethods = new HashSet<SipMethod> { SipMethod.Invite, SipMethod.Ack, SipMethod.Bye, SipMethod.Cancel, SipMethod.Options, SipMethod.Register },
    };

    public static readonly SipValidationPolicy Proxy = new() { IsProxy = true };

    /// <param name="ParseError">The parser's reason when it must reject; None when it must accept.</param>
    /// <param name="Code">The response the stack sends (0 = none: accepted and handled normally).</param>
    /// <param name="Drop">The message is a response that is silently discarded.</param>
    /// <param name="Policy">Element role for the validator (default: a plain UAS).</param>
    /// <param name="Check">Spot-checks of the fields the RFC section names.</param>
    public sealed record Expectation(
        SipParseError ParseError = SipParseError.None,
        int Code = 0,
        bool Drop = false,
        SipValidationPolicy? Policy = null,
        Action<SipMessage>? Check = null);

    public static readonly IReadOnlyDictionary<string, Expectation> All = new Dictionary<string, Expectation>
    {
        // 3.1.1 valid messages
        ["wsinv.dat"] = new(Check: WsInv),
        ["intmeth.dat"] = new(Code: 501, Check: IntMeth), // endpoints answer an unknown method with 501 + Allow
        ["esc01.dat"] = new(Check: Esc01),
        ["escnull.dat"] = new(Policy: Registrar, Check: EscNull),
        ["esc02.dat"] = new(Code: 501, Check: Esc02), // RE%47IST%45R is an unknown method, not REGISTER
        ["lwsdisp.dat"] = new(Check: m => Assert.Equal("caller", m.From.DisplayName)),
        ["longreq.dat"] = new(Check: LongReq),
        ["dblreq.dat"] = new(Policy: Registrar, Check: DblReq),
        ["semiuri.dat"] = new(Check: SemiUri),
        ["transports.dat"] = new(Check: m => Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport))),
        ["mpart01.dat"] = new(Policy: new SipValidationPolicy
        {
            AllowedMethods = new HashSet<SipMethod> { SipMethod.Message },
            AcceptedContentTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "multipart/mixed" },
        }, Check: MPart01),
        ["unreason.dat"] = new(Check: UnReason),
        ["noreason.dat"] = new(Check: m => Assert.Equal((100, ""), (((SipResponse)m).StatusCode, ((SipResponse)m).ReasonPhrase))),

        // 3.1.2 invalid messages
        ["badinv01.dat"] = new(SipParseError.BadVia, 400),
        ["clerr.dat"] = new(SipParseError.BodyTooShort, 400),
        ["ncl.dat"] = new(SipParseError.BadContentLength, 400),
        ["scalar02.dat"] = new(SipParseError.BadCSeq, 400),
        ["scalarlg.dat"] = new(SipParseError.BadCSeq, Drop: true),
        ["quotbal.dat"] = new(SipParseError.BadFromTo, 400),
        ["ltgtruri.dat"] = new(SipParseError.BadRequestUri, 400),
        ["lwsruri.dat"] = new(SipParseError.BadRequestUri, 400),
        ["lwsstart.dat"] = new(SipParseError.BadStartLine, 400),
        ["trws.dat"] = new(SipParseError.BadStartLine, 400),
        ["escruri.dat"] = new(SipParseError.BadRequestUri, 400),
        ["baddate.dat"] = new(Code: 400), // well-formed SIP; the Date is semantically wrong: the validator answers
        ["regbadct.dat"] = new(SipParseError.BadContact, 400),
        ["badaspec.dat"] = new(SipParseError.BadFromTo, 400),
        ["baddn.dat"] = new(SipParseError.BadFromTo, 400),
        ["badvers.dat"] = new(SipParseError.BadVersion, 505),
        ["mismatch01.dat"] = new(SipParseError.CSeqMethodMismatch, 400),
        ["mismatch02.dat"] = new(SipParseError.CSeqMethodMismatch, 501),
        ["bigcode.dat"] = new(SipParseError.BadStatusCode, Drop: true),

        // 3.2 transaction layer
        ["badbranch.dat"] = new(Check: m => Assert.Equal(SipVia.MagicCookie, m.TopVia.Branch)), // falls back to RFC 2543 matching

        // 3.3 application layer
        ["insuf.dat"] = new(SipParseError.MissingRequiredHeader, 400),
        ["unkscm.dat"] = new(Code: 416, Check: m => Assert.Equal("nobodyKnowsThisScheme", ((SipRequest)m).RequestUri.Scheme)),
        ["novelsc.dat"] = new(Code: 416, Check: m => Assert.Equal("soap.beep", ((SipRequest)m).RequestUri.Scheme)),
        ["unksm2.dat"] = new(Code: 400, Policy: Registrar, Check: UnkSm2),
        ["bext01.dat"] = new(Code: 420, Check: BExt01),
        ["invut.dat"] = new(Code: 415, Check: InvUt),
        ["regaut01.dat"] = new(Code: 405, Check: RegAut01),
        ["multi01.dat"] = new(SipParseError.DuplicateSingletonHeader, 400),
        ["mcl01.dat"] = new(SipParseError.BadContentLength, 400),
        ["bcast.dat"] = new(Check: m => Assert.Equal("255.255.255.255", m.Vias[1].Host)),
        ["zeromf.dat"] = new(Check: ZeroMf), // an endpoint processes it; a proxy answers 483 (checked inside)
        ["cparam01.dat"] = new(Policy: Registrar, Check: CParam01),
        ["cparam02.dat"] = new(Policy: Registrar, Check: CParam02),
        ["regescrt.dat"] = new(Policy: Registrar, Check: RegEscRt),
        ["sdp01.dat"] = new(Code: 406, Check: m => Assert.Equal("text/nobodyKnowsThis", m.Headers["Accept"])),
        ["inv2543.dat"] = new(Check: Inv2543),
    };

    private static void WsInv(SipMessage m)
    {
        var r = (SipRequest)m;
        Assert.True(r.RequestUri.HasParameter("unknownparam"));
        Assert.Null(r.RequestUri.GetParameter("unknownparam"));
        Assert.Equal("1918181833n", r.To.Tag);
        Assert.Equal("J Rosenberg \\\"", r.From.DisplayName); // quoted-pairs \\ and \" resolved
        Assert.Equal("98asjd8", r.From.Tag);
        Assert.Equal(68, r.MaxForwards); // leading zeros
        Assert.Equal(new SipCSeq(9, SipMethod.Invite), r.CSeq);
        Assert.Equal(["192.0.2.2", "spindle.example.com", "192.168.255.111"], r.Vias.Select(v => v.Host));
        Assert.Equal(["UDP", "TCP", "UDP"], r.Vias.Select(v => v.Transport));
        Assert.Equal(["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"], r.Vias.Select(v => v.Branch));
        Assert.Equal("", r.Headers["Subject"]); // empty subject, compact "s"
        Assert.Equal("newfangled value continued newfangled value", r.Headers["NewFangledHeader"]);
        Assert.Equal(";;,,;;,;", r.Headers["UnknownHeaderWithUnusualValue"]);
        var route = Assert.Single(r.Routes).Uri;
        Assert.True(route.HasParameter("lr"));
        Assert.Equal("value", route.GetParameter("unknownwith"));
        Assert.True(route.HasParameter("unknown-no-value"));
        var contact = Assert.Single(r.Contacts);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.GetParameter("newparam"));
        Assert.True(contact.HasParameter("secondparam"));
        Assert.Equal("0.33", contact.GetParameter("q"));
        Assert.Equal(150, r.Body.Length);
    }

    private static void IntMeth(SipMessage m)
    {
        var r = (SipRequest)m;
        Assert.Equal(SipMethod.Unknown, r.Method);
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", r.MethodToken);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", r.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", r.RequestUri.Password);
        Assert.Equal("example.com", r.RequestUri.Host);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", r.TopVia.Branch);
        Assert.Equal("BEL:\a NUL:\0 DEL:\x7F", r.To.DisplayName);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", r.To.Uri.User);
        Assert.Equal("token1~` token2'+_ token3*%!.-", r.From.DisplayName);
        Assert.Equal("\"работающий\"", r.From.GetParameter("fromParam''~+*_!.-%"));
        Assert.Equal("_token~1'+`*%!-.", r.From.Tag);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", r.CallId);
        Assert.Equal(139122385u, r.CSeq.Number);
        Assert.Equal(255, r.MaxForwards);
        Assert.Equal("\uFEFF大停電", r.Headers["extensionHeader-!.%*+_`'~"]);
    }

    private static void Esc01(SipMessage m)
    {
        var r = (SipRequest)m;
        Assert.Equal("sips:user@example.com", r.RequestUri.User);
        Assert.Equal("sip:sips%3Auser%40example.com@example.net", r.RequestUri.ToString()); // re-escaped
        Assert.Equal("user", r.To.Uri.User);
        Assert.True(r.To.Uri.UriEquals(SipUri.Parse("sip:user@example.com")));
        Assert.Equal("I have spaces", r.From.Uri.User);
        var contact = Assert.Single(r.Contacts).Uri;
        Assert.Equal("caller", contact.User);
        Assert.True(contact.HasParameter("lr"));
        Assert.Equal("value%41", contact.GetParameter("name")); // unescaped once only
        Assert.Equal("application/sdp", r.ContentType); // compact "C"
    }

    private static void EscNull(SipMessage m)
    {
        Assert.Equal("null-\0-null", m.To.Uri.User);
        Assert.Equal("null-\0-null", m.From.Uri.User);
        Assert.Equal(["\0", "\0\0"], m.Contacts.Select(c => c.Uri.User));
        Assert.Equal("sip:%00%00@host5.example.com", m.Contacts[1].Uri.ToString());
        Assert.Empty(m.Body.ToArray()); // "L:0"
    }

    private static void Esc02(SipMessage m)
    {
        var r = (SipRequest)m;
        Assert.Equal(SipMethod.Unknown, r.Method);
        Assert.Equal("RE%47IST%45R", r.MethodToken);
        Assert.Equal("%Z%45", r.To.DisplayName);
        Assert.Equal("z9hG4bK209%fzsnel234", r.TopVia.Branch);
        Assert.Equal(["alias1", "alias3"], r.Contacts.Select(c => c.Uri.User)); // C%6Fntact is another header
        Assert.Equal("<sip:alias2@host2.example.com>", r.Headers["C%6Fntact"]);
    }

    private static void LongReq(SipMessage m)
    {
        var r = (SipRequest)m;
        Assert.StartsWith("I have a user name of extremeextreme", r.To.DisplayName);
        Assert.Equal(6000, r.To.Uri.Port);
        Assert.StartsWith("verylonglong", r.To.Uri.GetParameter("unknownparam1"));
        Assert.True(r.To.Uri.Parameters.Count == 3);
        Assert.StartsWith("amazinglylongcallername", r.From.Uri.User);
        Assert.EndsWith("2982424", r.From.Tag);
        Assert.Equal(3, r.From.Parameters.Count); // tag, a long valued one, a long valueless one
        Assert.StartsWith("longreq.onereally", r.CallId);
        Assert.Equal(34, r.Vias.Count); // mixed case and compact names, spaces before the colon
        Assert.Equal("sip33.example.com", r.Vias[0].Host);
        Assert.Equal("host.example.com", r.Vias[^1].Host);
        Assert.EndsWith("longbranchvalue", r.Vias[^1].Branch);
        Assert.StartsWith("unknown-long", r.Headers["Unknown-LongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLong-Name"]);
        Assert.Equal(150, r.Body.Length);
    }

    private static void DblReq(SipMessage m)
    {
        Assert.Equal(SipMethod.Register, ((SipRequest)m).Method);
        Assert.True(m.Body.IsEmpty); // the INVITE look-alike after Content-Length is ignored
        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.CallId);
    }

    private static void SemiUri(SipMessage m)
    {
        var uri = ((SipRequest)m).RequestUri;
        Assert.Equal("user;par=u@example.net", uri.User);
        Assert.Equal("example.com", uri.Host);
        Assert.Empty(uri.Parameters);
        Assert.Equal(6, m.Headers.GetValues("Accept").Count());
    }

    private static void MPart01(SipMessage m)
    {
        Assert.Equal(553, m.Body.Length);
        Assert.StartsWith("multipart/mixed;boundary=7a9cbec02ceef655", m.ContentType);
        Assert.StartsWith("--7a9cbec02ceef655", Encoding.ASCII.GetString(m.Body.Span[..18]));
        Assert.Equal("--7a9cbec02ceef655--", Encoding.ASCII.GetString(m.Body.Span[^22..]).Trim());
    }

    private static void UnReason(SipMessage m)
    {
        var response = (SipResponse)m;
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", response.ReasonPhrase);
    }

    private static void UnkSm2(SipMessage m)
    {
        Assert.Equal("isbn", m.To.Uri.Scheme);
        Assert.Equal("isbn:2983792873", m.To.Uri.ToString());
        Assert.Equal("http", m.From.Uri.Scheme);
        Assert.Equal("3234233", m.From.Tag);
        Assert.Equal("name:John_Smith", Assert.Single(m.Contacts).Uri.ToString());

        // A proxy processes it normally.
        Assert.True(SipRequestValidator.Validate((SipRequest)m, Proxy).IsOk);
    }

    private static void BExt01(SipMessage m)
    {
        var r = (SipRequest)m;
        var uas = SipRequestValidator.Validate(r, SipValidationPolicy.Default);
        Assert.Equal(new SipHeader("Unsupported", "nothingSupportsThis, nothingSupportsThisEither"), Assert.Single(uas.ResponseHeaders));
        var proxy = SipRequestValidator.Validate(r, Proxy);
        Assert.Equal(420, proxy.StatusCode);
        Assert.Equal(new SipHeader("Unsupported", "noProxiesSupportThis, norDoAnyProxiesSupportThis"), Assert.Single(proxy.ResponseHeaders));
    }

    private static void InvUt(SipMessage m)
    {
        var result = SipRequestValidator.Validate((SipRequest)m, SipValidationPolicy.Default);
        Assert.Contains(new SipHeader("Accept", "application/sdp"), result.ResponseHeaders);
        var response = result.CreateResponse((SipRequest)m, toTag: "t1");
        Assert.Equal("application/sdp", response.Headers["Accept"]);
        Assert.Equal("t1", response.To.Tag);
    }

    private static void RegAut01(SipMessage m)
    {
        Assert.Equal("NoOneKnowsThisScheme opaque-data=here", m.Headers["Authorization"]);
        var uas = SipRequestValidator.Validate((SipRequest)m, SipValidationPolicy.Default);
        Assert.Contains(uas.ResponseHeaders, h => h.Name == "Allow" && !h.Value.Contains("REGISTER", StringComparison.Ordinal));

        // A registrar ignores the unknown scheme (or challenges with a known one); a proxy forwards it.
        Assert.True(SipRequestValidator.Validate((SipRequest)m, Registrar).IsOk);
        Assert.True(SipRequestValidator.Validate((SipRequest)m, Proxy).IsOk);
    }

    private static void ZeroMf(SipMessage m)
    {
        Assert.Equal(0, m.MaxForwards);
        Assert.Equal(483, SipRequestValidator.Validate((SipRequest)m, Proxy).StatusCode);
    }

    private static void CParam01(SipMessage m)
    {
        var contact = Assert.Single(m.Contacts);
        Assert.True(contact.HasParameter("unknownparam")); // a contact-param: the URI was not bracketed
        Assert.Empty(contact.Uri.Parameters);
        Assert.Equal("+19725552222", contact.Uri.User);
    }

    private static void CParam02(SipMessage m)
    {
        var contact = Assert.Single(m.Contacts);
        Assert.True(contact.Uri.HasParameter("unknownparam")); // a URI parameter, kept in the binding
        Assert.Empty(contact.Parameters);
        Assert.Equal("<sip:+19725552222@gw1.example.net;unknownparam>", contact.ToString());
    }

    private static void RegEscRt(SipMessage m)
    {
        var uri = Assert.Single(m.Contacts).Uri;
        Assert.Equal("<sip:sip.example.com>", uri.GetHeader("Route"));
        Assert.Equal("sip:user@example.com?Route=%3Csip:sip.example.com%3E", uri.ToString()); // stays escaped
    }

    private static void Inv2543(SipMessage m)
    {
        Assert.Null(m.TopVia.Branch);
        Assert.Null(m.From.Tag);
        Assert.Null(m.MaxForwards);
        Assert.False(m.Headers.Contains("Content-Length"));
        Assert.StartsWith("v=0", Encoding.ASCII.GetString(m.Body.Span));
        Assert.Equal("ss1.example.com", Assert.Single(m.RecordRoutes).Uri.GetParameter("maddr"));
        Assert.Equal("phone", m.From.Uri.GetParameter("user")); // bracketed: a URI parameter
        Assert.Equal("phone", m.To.GetParameter("user")); // not bracketed: a header parameter (RFC 3261 20.10)
    }
}
