using CallService.Callbacks;

namespace CallService.Tests.Callbacks;

/// <summary>The "Callbacks" section's start-up check: one line per problem, naming the key.</summary>
public sealed class CallbackDialerOptionsValidatorTests
{
    private static IReadOnlyList<string> Check(CallbackDialerOptions options) =>
        new CallbackDialerOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void The_defaults_and_a_proxy_uri_pass()
    {
        Assert.Empty(Check(new CallbackDialerOptions()));
        Assert.Empty(Check(new CallbackDialerOptions { OutboundProxy = "sip:pbx.example.com:5060", RingSeconds = 5 }));
        Assert.Empty(Check(new CallbackDialerOptions { OutboundProxy = " sip:127.0.0.1:5070 ", RingSeconds = 120 }));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(121)]
    public void A_ring_time_out_of_range_is_named(int seconds)
    {
        string failure = Assert.Single(Check(new CallbackDialerOptions { RingSeconds = seconds }));
        Assert.StartsWith($"Callbacks:RingSeconds = {seconds} is out of range: use 5..120", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pbx.example.com")]
    [InlineData("sip:")]
    public void A_proxy_that_is_no_sip_uri_is_named(string proxy)
    {
        string failure = Assert.Single(Check(new CallbackDialerOptions { OutboundProxy = proxy }));
        Assert.StartsWith($"Callbacks:OutboundProxy = \"{proxy}\" is not a SIP URI", failure, StringComparison.Ordinal);
    }
}
