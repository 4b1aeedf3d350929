using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipRejectionsTests
{
    [Theory]
    [InlineData(SipParseError.BadVersion, 505)]
    [InlineData(SipParseError.MessageTooLarge, 513)]
    [InlineData(SipParseError.BadVia, 400)]
    [InlineData(SipParseError.MissingRequiredHeader, 400)]
    [InlineData(SipParseError.CSeqMethodMismatch, 400)]
    public void Maps_errors_to_codes(SipParseError error, int code)
    {
        var (c, reason) = SipRejections.ToResponse(error, null);
        Assert.Equal(code, c);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public void Every_error_has_a_response_and_the_reason_names_the_problem()
    {
        foreach (var error in Enum.GetValues<SipParseError>().Where(e => e != SipParseError.None))
        {
            var (code, reason) = SipRejections.ToResponse(error, "Call-ID\r\nInjected: x");
            Assert.InRange(code, 400, 599);
            Assert.DoesNotContain('\r', reason);
            Assert.DoesNotContain('\n', reason);
        }

        Assert.Equal("Missing Call-ID, From Header Field", SipRejections.ToResponse(SipParseError.MissingRequiredHeader, "Call-ID, From").Reason);
        Assert.Throws<ArgumentOutOfRangeException>(() => SipRejections.ToResponse(SipParseError.None, null));
    }

    [Fact]
    public void Builds_the_answer_from_the_partial_request()
    {
        var result = SipParser.Parse(SipSamples.Bytes(SipSamples.Request().Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE")));
        var response = SipRejections.CreateResponse(result);

        Assert.NotNull(response);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("test-call-id", response.CallId);
        Assert.Equal("z9hG4bKabc", response.TopVia.Branch);
    }

    [Fact]
    public void Unknown_method_with_cseq_mismatch_is_501()
    {
        var result = SipParser.Parse(SipSamples.Bytes(SipSamples.Request().Replace("OPTIONS sip:", "FROB sip:")));
        Assert.Equal(SipParseError.CSeqMethodMismatch, result.Error);
        Assert.Equal(501, SipRejections.ToResponse(result).Code);
    }

    [Fact]
    public void Broken_responses_and_acks_are_not_answered()
    {
        Assert.Null(SipRejections.CreateResponse(SipParser.Parse(SipSamples.Bytes(SipSamples.Ok.Replace("Call-ID", "Call-IX")))));
        var ack = SipSamples.Request(method: "ACK").Replace("Call-ID: test-call-id\r\n", "");
        Assert.Null(SipRejections.CreateResponse(SipParser.Parse(SipSamples.Bytes(ack))));
        Assert.Null(SipRejections.CreateResponse(SipParser.Parse(SipSamples.Bytes(SipSamples.Request()))));
    }
}
