using System.Text;
using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipParserTests
{
    [Fact]
    public void Parses_a_typical_invite_with_sdp()
    {
        var request = SipSamples.ParseRequest(SipSamples.Invite);

        Assert.Equal(SipMethod.Invite, request.Method);
        Assert.Equal("INVITE", request.MethodToken);
        Assert.Equal("sip:sales@pbx.example.com", request.RequestUri.ToString());
        Assert.Equal("a84b4c76e66710@pc33.example.com", request.CallId);
        Assert.Equal(new SipCSeq(314159, SipMethod.Invite), request.CSeq);
        Assert.Equal("Alice", request.From.DisplayName);
        Assert.Equal("1928301774", request.From.Tag);
        Assert.Null(request.To.Tag);
        Assert.Equal("z9hG4bK776asdhds", request.TopVia.Branch);
        Assert.True(request.TopVia.HasRport);
        Assert.Null(request.TopVia.Rport);
        Assert.Equal(5060, request.TopVia.Port);
        Assert.Equal(70, request.MaxForwards);
        Assert.Equal("application/sdp", request.ContentType);
        Assert.Equal("udp", Assert.Single(request.Contacts).Uri.Transport);
        Assert.Empty(request.Routes);
        Assert.Empty(request.RecordRoutes);
        Assert.Equal(SipSamples.Sdp, Encoding.UTF8.GetString(request.Body.Span));
    }

    [Fact]
    public void Parses_a_response_status_line()
    {
        var response = SipSamples.ParseResponse(SipSamples.Ok);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal("a6c85cf", response.To.Tag);
        Assert.Equal(5060, response.TopVia.Rport);
        Assert.Equal("198.51.100.7", response.TopVia.Received);
        Assert.True(response.Body.IsEmpty);
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_compact_forms_resolve()
    {
        var text = "OPTIONS sip:bob@example.com SIP/2.0\r\n" +
                   "v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n" +
                   "f: <sip:alice@example.com>;tag=9\r\n" +
                   "t: sip:bob@example.com\r\n" +
                   "i: compact-id\r\n" +
                   "cseq: 7 OPTIONS\r\n" +
                   "m: <sip:alice@a.example.com>\r\n" +
                   "k: 100rel\r\n" +
                   "c: text/plain\r\n" +
                   "X-Custom: one\r\n" +
                   "l: 5\r\n\r\nhello";
        var request = SipSamples.ParseRequest(text);

        Assert.Equal("compact-id", request.Headers["Call-ID"]);
        Assert.Equal("compact-id", request.Headers["CALL-id"]);
        Assert.Equal("compact-id", request.Headers["i"]);
        Assert.Equal("100rel", request.Headers["Supported"]);
        Assert.Equal("one", request.Headers["x-custom"]);
        Assert.Equal("text/plain", request.ContentType);
        Assert.Equal("hello", Encoding.ASCII.GetString(request.Body.Span));
        Assert.Equal(["Via", "From", "To", "Call-ID", "CSeq", "Contact", "Supported", "Content-Type", "X-Custom", "Content-Length"],
            request.Headers.Select(h => h.Name));
        Assert.Equal(["v", "f", "t", "i", "cseq", "m", "k", "c", "X-Custom", "l"], request.Headers.Received.Select(h => h.Name));
    }

    [Fact]
    public void Folded_header_values_are_unfolded()
    {
        var text = SipSamples.Request("Subject: first part\r\n  second part\r\n\tthird\r\n");
        var request = SipSamples.ParseRequest(text);

        Assert.Equal("first part second part third", request.Headers["Subject"]);
    }

    [Fact]
    public void Folded_required_headers_parse()
    {
        var text = "OPTIONS sip:bob@example.com SIP/2.0\r\n" +
                   "Via: SIP/2.0/UDP a.example.com\r\n ;branch=z9hG4bK1 ,\r\n SIP/2.0/TCP b.example.com:5070\r\n" +
                   "From:\r\n <sip:alice@example.com>\r\n ;tag=9\r\n" +
                   "To: sip:bob@example.com\r\n" +
                   "Call-ID: x\r\n" +
                   "CSeq: 7\r\n OPTIONS\r\n" +
                   "Content-Length: 0\r\n\r\n";
        var request = SipSamples.ParseRequest(text);

        Assert.Equal(2, request.Vias.Count);
        Assert.Equal("TCP", request.Vias[1].Transport);
        Assert.Equal(5070, request.Vias[1].Port);
        Assert.Equal("9", request.From.Tag);
        Assert.Equal(7u, request.CSeq.Number);
    }

    [Fact]
    public void Multi_value_headers_split_by_comma_but_not_inside_quotes_or_brackets()
    {
        var text = SipSamples.Request(
            "Allow: INVITE, ACK,BYE\r\n" +
            "Allow: OPTIONS\r\n" +
            "Contact: \"Smith, John\" <sip:j@a.example.com;x=1>, <sip:j@b.example.com>;q=0.5\r\n");
        var request = SipSamples.ParseRequest(text);

        Assert.Equal(["INVITE, ACK,BYE", "OPTIONS"], request.Headers.GetAll("Allow"));
        Assert.Equal(["INVITE", "ACK", "BYE", "OPTIONS"], request.Headers.GetValues("Allow"));
        Assert.Equal(2, request.Contacts.Count);
        Assert.Equal("Smith, John", request.Contacts[0].DisplayName);
        Assert.Equal("0.5", request.Contacts[1].GetParameter("q"));
        Assert.Equal(["\"Smith, John\" <sip:j@a.example.com;x=1>", "<sip:j@b.example.com>;q=0.5"], request.Headers.GetValues("Contact"));
    }

    [Fact]
    public void Quoted_display_names_unescape()
    {
        var text = SipSamples.Request().Replace("From: <sip:alice@example.com>;tag=1", "From: \"A \\\"quoted\\\" \\\\ name\" <sip:alice@example.com>;tag=1");
        var request = SipSamples.ParseRequest(text);

        Assert.Equal("A \"quoted\" \\ name", request.From.DisplayName);
        Assert.Equal("\"A \\\"quoted\\\" \\\\ name\" <sip:alice@example.com>;tag=1", request.From.ToString());
    }

    [Fact]
    public void Utf8_text_is_decoded()
    {
        var text = SipSamples.Request("Subject: 您好,海逸长洲\r\n").Replace("From: <sip:alice@example.com>", "From: \"王小姐\" <sip:alice@example.com>");
        var request = SipSamples.ParseRequest(text);

        Assert.Equal("您好,海逸长洲", request.Headers["Subject"]);
        Assert.Equal("王小姐", request.From.DisplayName);
    }

    [Fact]
    public void Leading_crlfs_before_the_start_line_are_ignored()
    {
        var request = SipSamples.ParseRequest("\r\n\r\n" + SipSamples.Request());
        Assert.Equal(SipMethod.Options, request.Method);
    }

    [Fact]
    public void Unknown_methods_keep_their_token()
    {
        var request = SipSamples.ParseRequest(SipSamples.Request(method: "FOO"));
        Assert.Equal(SipMethod.Unknown, request.Method);
        Assert.Equal("FOO", request.MethodToken);
        Assert.Equal("FOO", request.CSeq.MethodToken);
    }

    [Fact]
    public void Datagram_body_longer_than_content_length_is_truncated()
    {
        var text = SipSamples.Request(body: "abc") + "garbage after the body";
        var request = SipSamples.ParseRequest(text);

        Assert.Equal("abc", Encoding.ASCII.GetString(request.Body.Span));
    }

    [Fact]
    public void Datagram_body_shorter_than_content_length_is_rejected()
    {
        var text = SipSamples.Request(body: "abcdef");
        var result = SipParser.Parse(SipSamples.Bytes(text[..^2]));

        Assert.False(result.Success);
        Assert.Equal(SipParseError.BodyTooShort, result.Error);
        Assert.NotNull(result.PartialRequest);
    }

    [Fact]
    public void Without_content_length_the_datagram_body_runs_to_the_end()
    {
        var text = SipSamples.Request(body: "").Replace("Content-Length: 0\r\n", "") + "v=0\r\n";
        var request = SipSamples.ParseRequest(text);

        Assert.Equal("v=0\r\n", Encoding.ASCII.GetString(request.Body.Span));
    }

    [Theory]
    [InlineData("Content-Length: -1", SipParseError.BadContentLength)]
    [InlineData("Content-Length: 1x", SipParseError.BadContentLength)]
    [InlineData("Content-Length: 99999999999", SipParseError.BadContentLength)]
    public void Bad_content_length_is_rejected(string line, SipParseError expected)
    {
        var text = SipSamples.Request().Replace("Content-Length: 0", line);
        Assert.Equal(expected, SipParser.Parse(SipSamples.Bytes(text)).Error);
    }

    [Fact]
    public void Two_content_lengths_are_rejected()
    {
        var text = SipSamples.Request("l: 0\r\n");
        Assert.Equal(SipParseError.BadContentLength, SipParser.Parse(SipSamples.Bytes(text)).Error);
    }

    [Theory]
    [InlineData("Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKabc\r\n", "Via")]
    [InlineData("From: <sip:alice@example.com>;tag=1\r\n", "From")]
    [InlineData("To: <sip:bob@example.com>\r\n", "To")]
    [InlineData("Call-ID: test-call-id\r\n", "Call-ID")]
    [InlineData("CSeq: 1 OPTIONS\r\n", "CSeq")]
    public void Missing_required_headers_are_rejected_by_name(string line, string name)
    {
        var result = SipParser.Parse(SipSamples.Bytes(SipSamples.Request().Replace(line, "")));

        Assert.Equal(SipParseError.MissingRequiredHeader, result.Error);
        Assert.Equal(name, result.Detail);
    }

    [Fact]
    public void A_space_after_a_line_end_continues_the_previous_header()
    {
        var text = SipSamples.Request().Replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\n  \r\n");
        Assert.Equal(70, SipSamples.ParseRequest(text).MaxForwards);
    }

    [Fact]
    public void Max_forwards_is_optional()
    {
        var request = SipSamples.ParseRequest(SipSamples.Request().Replace("Max-Forwards: 70\r\n", ""));
        Assert.Null(request.MaxForwards);
    }

    [Theory]
    [InlineData("Max-Forwards: 70", "Max-Forwards: 256", SipParseError.BadMaxForwards)]
    [InlineData("Max-Forwards: 70", "Max-Forwards: abc", SipParseError.BadMaxForwards)]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: 4294967296 OPTIONS", SipParseError.BadCSeq)]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: OPTIONS", SipParseError.BadCSeq)]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", SipParseError.CSeqMethodMismatch)]
    [InlineData("CSeq: 1 OPTIONS", "CSeq: 1 options", SipParseError.CSeqMethodMismatch)]
    [InlineData("Call-ID: test-call-id", "Call-ID: two words", SipParseError.BadCallId)]
    [InlineData("Call-ID: test-call-id", "Call-ID: @host", SipParseError.BadCallId)]
    [InlineData("Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKabc", "Via: SIP/2.0/UDP", SipParseError.BadVia)]
    [InlineData("Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKabc", "Via: SIP/2.0/UDP host;branch=", SipParseError.BadVia)]
    [InlineData("Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKabc", "Via: SIP/2.0/UDP host:70000", SipParseError.BadVia)]
    [InlineData("To: <sip:bob@example.com>", "To: <sip:bob@example.com", SipParseError.BadFromTo)]
    [InlineData("To: <sip:bob@example.com>", "To: bob", SipParseError.BadFromTo)]
    [InlineData("From: <sip:alice@example.com>;tag=1", "From: *", SipParseError.BadFromTo)]
    [InlineData("To: <sip:bob@example.com>", "To: <sip:bob@example.com>\r\nTo: <sip:x@example.com>", SipParseError.DuplicateSingletonHeader)]
    [InlineData("Max-Forwards: 70", "Max-Forwards: 70\r\nMax-Forwards: 69", SipParseError.DuplicateSingletonHeader)]
    [InlineData("Max-Forwards: 70", "Contact: sip:a@b?x=y", SipParseError.BadContact)]
    [InlineData("Max-Forwards: 70", "Record-Route: <sip:p.example.com;lr", SipParseError.BadRoute)]
    [InlineData("Max-Forwards: 70", "Route: <sip:p.example.com;lr>;;", SipParseError.BadRoute)]
    [InlineData("Max-Forwards: 70", "Bad Header: x", SipParseError.BadHeaderSyntax)]
    [InlineData("Max-Forwards: 70", "NoColon", SipParseError.BadHeaderSyntax)]
    [InlineData("OPTIONS sip:bob@example.com SIP/2.0\r\n", "OPTIONS sip:bob@example.com SIP/2.0\r\n continuation: x\r\n", SipParseError.BadHeaderSyntax)]
    [InlineData("Max-Forwards: 70", "X: a\rb", SipParseError.BadHeaderSyntax)]
    public void Malformed_headers_are_rejected_with_a_typed_reason(string original, string replacement, SipParseError expected)
    {
        var text = SipSamples.Request().Replace(original, replacement);
        var result = SipParser.Parse(SipSamples.Bytes(text));

        Assert.False(result.Success);
        Assert.Equal(expected, result.Error);
        Assert.NotNull(result.PartialRequest);
    }

    [Theory]
    [InlineData("OPTIONS sip:bob@example.com SIP/3.0", SipParseError.BadVersion)]
    [InlineData("OPTIONS sip:bob@example.com sip/2.0", SipParseError.None)]
    [InlineData("OPTIONS sip:bob@example.com HTTP/1.1", SipParseError.BadStartLine)]
    [InlineData("OPTIONS  sip:bob@example.com SIP/2.0", SipParseError.BadStartLine)]
    [InlineData("OPTIONS sip:bob@example.com SIP/2.0 ", SipParseError.BadStartLine)]
    [InlineData("OPTIONS sip:bob@example.com", SipParseError.BadStartLine)]
    [InlineData("OPTIONS sip:bob@example.com; lr SIP/2.0", SipParseError.BadRequestUri)]
    [InlineData("OPTIONS <sip:bob@example.com> SIP/2.0", SipParseError.BadRequestUri)]
    [InlineData("OPTIONS sip:bob@example.com?Subject=x SIP/2.0", SipParseError.BadRequestUri)]
    [InlineData("OPTIONS sip: SIP/2.0", SipParseError.BadRequestUri)]
    [InlineData("OPT@ONS sip:bob@example.com SIP/2.0", SipParseError.BadStartLine)]
    public void Request_line_is_checked(string requestLine, SipParseError expected)
    {
        var text = SipSamples.Request().Replace("OPTIONS sip:bob@example.com SIP/2.0", requestLine);
        Assert.Equal(expected, SipParser.Parse(SipSamples.Bytes(text)).Error);
    }

    [Theory]
    [InlineData("SIP/2.0 180 Ringing", 180, "Ringing")]
    [InlineData("SIP/2.0 100 ", 100, "")]
    [InlineData("SIP/2.0 100", 100, "")]
    [InlineData("SIP/2.0 699 Whatever it is", 699, "Whatever it is")]
    public void Status_lines_parse(string statusLine, int code, string reason)
    {
        var response = SipSamples.ParseResponse(SipSamples.Ok.Replace("SIP/2.0 200 OK", statusLine));
        Assert.Equal(code, response.StatusCode);
        Assert.Equal(reason, response.ReasonPhrase);
    }

    [Theory]
    [InlineData("SIP/2.0 700 Too Big", SipParseError.BadStatusCode)]
    [InlineData("SIP/2.0 099 Too Small", SipParseError.BadStatusCode)]
    [InlineData("SIP/2.0 2000 Long", SipParseError.BadStatusCode)]
    [InlineData("SIP/2.0 OK", SipParseError.BadStartLine)]
    [InlineData("SIP/1.0 200 OK", SipParseError.BadVersion)]
    public void Bad_status_lines_are_rejected_without_a_partial_request(string statusLine, SipParseError expected)
    {
        var result = SipParser.Parse(SipSamples.Bytes(SipSamples.Ok.Replace("SIP/2.0 200 OK", statusLine)));
        Assert.Equal(expected, result.Error);
        Assert.Null(result.PartialRequest);
    }

    [Fact]
    public void Responses_do_not_check_the_cseq_method_against_anything()
    {
        var response = SipSamples.ParseResponse(SipSamples.Ok.Replace("CSeq: 314159 INVITE", "CSeq: 2 BYE"));
        Assert.Equal(SipMethod.Bye, response.CSeq.Method);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public void Empty_input_is_rejected(string text)
    {
        Assert.Equal(SipParseError.Empty, SipParser.Parse(SipSamples.Bytes(text)).Error);
    }

    [Fact]
    public void A_message_cut_inside_a_header_line_is_rejected()
    {
        var text = SipSamples.Request();
        var cut = text[..text.IndexOf("Max-Forwards", StringComparison.Ordinal)] + "Max-Forw";
        Assert.Equal(SipParseError.MissingHeaderTerminator, SipParser.Parse(SipSamples.Bytes(cut)).Error);
    }

    [Fact]
    public void A_datagram_ending_after_a_complete_header_line_parses()
    {
        // RFC 4475 baddn.dat lacks the final empty line; the last header line is still whole.
        var text = SipSamples.Request()[..^2];
        Assert.True(SipParser.Parse(SipSamples.Bytes(text)).Success);
    }

    [Fact]
    public void Oversized_messages_are_rejected()
    {
        var text = SipSamples.Request("X-Big: " + new string('a', 70000) + "\r\n");
        Assert.Equal(SipParseError.MessageTooLarge, SipParser.Parse(SipSamples.Bytes(text)).Error);
        Assert.True(SipParser.Parse(SipSamples.Bytes(text), 200_000).Success);
    }

    [Fact]
    public void Too_many_header_lines_are_rejected()
    {
        var lines = string.Concat(Enumerable.Repeat("X-A: 1\r\n", SipParser.MaxHeaderLines));
        Assert.Equal(SipParseError.MessageTooLarge, SipParser.Parse(SipSamples.Bytes(SipSamples.Request(lines))).Error);
    }

    [Fact]
    public void Bare_lf_line_ends_are_tolerated()
    {
        var request = SipSamples.ParseRequest(SipSamples.Request(body: "hi").Replace("\r\n", "\n"));
        Assert.Equal("hi", Encoding.ASCII.GetString(request.Body.Span));
        Assert.Equal("test-call-id", request.CallId);
    }

    [Fact]
    public void Header_values_are_not_materialised_until_read()
    {
        var request = SipSamples.ParseRequest(SipSamples.Invite);
        var headers = request.Headers;

        // Routing headers were validated at parse time, yet no value became a string.
        _ = request.TopVia;
        _ = request.CSeq;
        _ = request.From;
        List<string> Materialised() => Enumerable.Range(0, headers.Count).Where(i => headers.EntryAt(i).Value is not null).Select(headers.NameAt).ToList();
        Assert.Empty(Materialised()); // typed views are built from the raw octets, not from header strings

        Assert.Equal("a84b4c76e66710@pc33.example.com", request.CallId);
        Assert.Equal(["Call-ID"], Materialised());

        Assert.Equal("ExamplePhone/1.2.3", headers["User-Agent"]);
        Assert.NotNull(headers.EntryAt(headers.Count - 3).Value);
    }

    [Fact]
    public void Typed_getters_follow_header_changes()
    {
        var request = SipSamples.ParseRequest(SipSamples.Invite);
        Assert.Equal("1928301774", request.From.Tag);

        request.Headers.Set("From", "<sip:carol@example.com>;tag=xyz");
        Assert.Equal("xyz", request.From.Tag);

        request.Headers.Add("Record-Route", "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>");
        Assert.Equal(2, request.RecordRoutes.Count);
    }

    [Fact]
    public void Typed_getters_of_missing_required_headers_throw_on_hand_built_messages()
    {
        var request = new SipRequest(SipMethod.Options, SipUri.Parse("sip:bob@example.com"));
        Assert.Throws<InvalidOperationException>(() => request.CallId);
        Assert.Throws<InvalidOperationException>(() => request.TopVia);
        Assert.Throws<InvalidOperationException>(() => request.CSeq);
        Assert.Null(request.MaxForwards);
        Assert.Empty(request.Contacts);

        request.Headers.Add("From", "not an address");
        Assert.Throws<InvalidOperationException>(() => request.From);
    }

    [Fact]
    public void Set_top_via_replaces_only_the_first_value()
    {
        var text = SipSamples.Request().Replace("Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKabc",
            "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKabc;rport, SIP/2.0/TCP p.example.com;branch=z9hG4bKp");
        var request = SipSamples.ParseRequest(text);
        Assert.Equal(2, request.Vias.Count);

        request.SetTopVia(request.TopVia.WithReceived("198.51.100.1").WithRport(4000));

        Assert.Equal("198.51.100.1", request.TopVia.Received);
        Assert.Equal(4000, request.TopVia.Rport);
        Assert.Equal("SIP/2.0/UDP host.example.com;branch=z9hG4bKabc;rport=4000;received=198.51.100.1, SIP/2.0/TCP p.example.com;branch=z9hG4bKp",
            request.Headers["Via"]);

        // A fresh parse of the header agrees with the cached view.
        request.Headers.Add("X-Touch", "1");
        Assert.Equal(2, request.Vias.Count);
        Assert.Equal(4000, request.Vias[0].Rport);
        Assert.Equal("p.example.com", request.Vias[1].Host);

        Assert.True(request.RemoveTopVia());
        Assert.Equal("p.example.com", Assert.Single(request.Vias).Host);
    }

    [Fact]
    public void Expires_parses_or_is_null()
    {
        Assert.Equal(3600, SipSamples.ParseRequest(SipSamples.Request("Expires: 3600\r\n")).Expires);
        Assert.Equal(int.MaxValue, SipSamples.ParseRequest(SipSamples.Request("Expires: 4294967295\r\n")).Expires);
        Assert.Null(SipSamples.ParseRequest(SipSamples.Request("Expires: 4294967296\r\n")).Expires);
        Assert.Null(SipSamples.ParseRequest(SipSamples.Request()).Expires);
    }

    [Fact]
    public void Partial_request_keeps_what_could_be_read()
    {
        var text = SipSamples.Request().Replace("SIP/2.0\r\n", "SIP/3.0\r\n");
        var result = SipParser.Parse(SipSamples.Bytes(text));

        Assert.Equal(SipParseError.BadVersion, result.Error);
        var partial = Assert.IsType<SipRequest>(result.PartialRequest);
        Assert.Equal(SipMethod.Options, partial.Method);
        Assert.Equal("test-call-id", partial.Headers["Call-ID"]);
    }
}
