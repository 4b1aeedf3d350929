using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipResponseFactoryTests
{
    [Fact]
    public void Copies_via_from_to_call_id_cseq_and_timestamp()
    {
        var text = SipSamples.Request("Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp\r\nTimestamp: 54\r\nRecord-Route: <sip:p.example.com;lr>\r\nSubject: x\r\n");
        var request = SipSamples.ParseRequest(text);

        var response = SipResponseFactory.Create(request, 180, toTag: "as9");

        Assert.Equal(180, response.StatusCode);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal(["SIP/2.0/UDP host.example.com;branch=z9hG4bKabc", "SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp"], response.Headers.GetAll("Via"));
        Assert.Equal("<sip:alice@example.com>;tag=1", response.Headers["From"]);
        Assert.Equal("<sip:bob@example.com>;tag=as9", response.Headers["To"]);
        Assert.Equal("as9", response.To.Tag);
        Assert.Equal("test-call-id", response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal("54", response.Headers["Timestamp"]);
        Assert.False(response.Headers.Contains("Record-Route"));
        Assert.False(response.Headers.Contains("Subject"));
        Assert.False(response.Headers.Contains("Max-Forwards"));
    }

    [Fact]
    public void Keeps_an_existing_to_tag()
    {
        var request = SipSamples.ParseRequest(SipSamples.Request().Replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=old"));
        var response = SipResponseFactory.Create(request, 200, "Fine", toTag: "new");
        Assert.Equal("old", response.To.Tag);
        Assert.Equal("Fine", response.ReasonPhrase);
        Assert.Null(SipResponseFactory.Create(SipSamples.ParseRequest(SipSamples.Request()), 100).To.Tag);
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        var request = SipSamples.ParseRequest(SipSamples.Request());
        Assert.Throws<ArgumentException>(() => SipResponseFactory.Create(request, 200, toTag: "a b"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SipResponseFactory.Create(request, 99));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SipResponse(700));
    }

    [Theory]
    [InlineData(100, "Trying")]
    [InlineData(183, "Session Progress")]
    [InlineData(481, "Call/Transaction Does Not Exist")]
    [InlineData(499, "Client Error")]
    [InlineData(606, "Not Acceptable")]
    public void Default_reason_phrases(int code, string reason) => Assert.Equal(reason, SipResponse.DefaultReason(code));
}
