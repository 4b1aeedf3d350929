using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipHeaderCollectionTests
{
    [Fact]
    public void Adds_with_canonical_names_and_finds_by_any_form()
    {
        var headers = new SipHeaderCollection();
        headers.Add("call-id", "abc");
        headers.Add("v", "SIP/2.0/UDP h");
        headers.Add("www-authenticate", "Digest realm=\"x\"");
        headers.Add("X-Mine", "1");

        Assert.Equal(["Call-ID", "Via", "WWW-Authenticate", "X-Mine"], headers.Select(h => h.Name));
        Assert.Equal("abc", headers["i"]);
        Assert.Equal("abc", headers.GetFirst("CALL-ID"));
        Assert.Equal("SIP/2.0/UDP h", headers["Via"]);
        Assert.Equal("1", headers["x-mine"]);
        Assert.True(headers.Contains("X-MINE"));
        Assert.False(headers.Contains("X-Other"));
        Assert.Null(headers["Route"]);
        Assert.Equal(4, headers.Count);
        Assert.Equal(new SipHeader("Via", "SIP/2.0/UDP h"), headers[1]);
        Assert.Equal("Session-Expires", SipHeaderNames.Canonicalize("x"));
        Assert.Equal("X-Other", SipHeaderNames.Canonicalize("X-Other"));
    }

    [Fact]
    public void Insert_set_setfirst_and_remove()
    {
        var headers = new SipHeaderCollection();
        headers.Add("Route", "<sip:a;lr>");
        headers.Add("To", "<sip:b@h>");
        headers.Add("Route", "<sip:c;lr>");
        headers.Insert(0, "Via", "SIP/2.0/UDP h");

        Assert.Equal(["Via", "Route", "To", "Route"], headers.Select(h => h.Name));
        Assert.Equal(["<sip:a;lr>", "<sip:c;lr>"], headers.GetAll("route"));

        headers.SetFirst("Route", "<sip:z;lr>");
        Assert.Equal(["<sip:z;lr>", "<sip:c;lr>"], headers.GetAll("Route"));

        headers.Set("Route", "<sip:only;lr>");
        Assert.Equal(["Via", "Route", "To"], headers.Select(h => h.Name));
        Assert.Equal("<sip:only;lr>", Assert.Single(headers.GetAll("Route")));

        Assert.True(headers.RemoveFirst("t"));
        Assert.False(headers.RemoveFirst("To"));
        headers.Add("Route", "<sip:2;lr>");
        Assert.Equal(2, headers.Remove("Route"));
        Assert.Equal(0, headers.Remove("Route"));
        Assert.Equal(["Via"], headers.Select(h => h.Name));

        headers.Set("Expires", "60");
        headers.SetFirst("Min-Expires", "30");
        Assert.Equal(["Via", "Expires", "Min-Expires"], headers.Select(h => h.Name));
    }

    [Theory]
    [InlineData("Bad Name", "v")]
    [InlineData("", "v")]
    [InlineData("X", "a\r\nInjected: 1")]
    [InlineData("X", "a\nb")]
    public void Rejects_names_and_values_that_would_break_the_message(string name, string value)
    {
        Assert.Throws<ArgumentException>(() => new SipHeaderCollection().Add(name, value));
    }

    [Fact]
    public void Get_values_splits_lists_but_get_all_does_not()
    {
        var headers = new SipHeaderCollection();
        headers.Add("Supported", "100rel, timer");
        headers.Add("Supported", " , replaces ,");
        Assert.Equal(["100rel, timer", " , replaces ,"], headers.GetAll("Supported"));
        Assert.Equal(["100rel", "timer", "replaces"], headers.GetValues("k"));
        Assert.Empty(headers.GetAll("Require"));
        Assert.Empty(headers.GetValues("Require"));
    }

    [Fact]
    public void Received_names_stay_as_received_on_parsed_messages()
    {
        var request = SipSamples.ParseRequest(SipSamples.Request("sUbJeCt: hi\r\n").Replace("To:", "t:"));
        var subject = request.Headers.Select((h, i) => (h, i)).Single(x => x.h.Name == "Subject").i;
        Assert.Equal("sUbJeCt", request.Headers.GetReceivedName(subject));
        Assert.Contains(new SipHeader("t", "<sip:bob@example.com>"), request.Headers.Received);
        Assert.Contains(new SipHeader("To", "<sip:bob@example.com>"), request.Headers);
    }
}
