using CallService.Sip.Messages;

namespace CallService.Tests.Messages;

public class SipCSeqTests
{
    [Theory]
    [InlineData("1 INVITE", 1u, SipMethod.Invite, "INVITE")]
    [InlineData("  0009 \t ACK ", 9u, SipMethod.Ack, "ACK")]
    [InlineData("4294967295 FOO", 4294967295u, SipMethod.Unknown, "FOO")]
    [InlineData("7 invite", 7u, SipMethod.Unknown, "invite")]
    public void Parses(string text, uint number, SipMethod method, string token)
    {
        Assert.True(SipCSeq.TryParse(text, out var cseq));
        Assert.Equal(new SipCSeq(number, method, token), cseq);
        Assert.Equal($"{number} {token}", cseq.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("INVITE")]
    [InlineData("1")]
    [InlineData("1INVITE")]
    [InlineData("4294967296 INVITE")]
    [InlineData("-1 INVITE")]
    [InlineData("1 INVITE extra")]
    [InlineData("1 IN@VITE")]
    public void Rejects(string text) => Assert.False(SipCSeq.TryParse(text, out _));

    [Fact]
    public void Method_tokens_round_trip()
    {
        foreach (var method in Enum.GetValues<SipMethod>().Where(m => m != SipMethod.Unknown))
        {
            Assert.Equal(method, SipMethods.Parse(SipMethods.ToToken(method)));
        }

        Assert.Equal(SipMethod.Unknown, SipMethods.Parse("Invite"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SipMethods.ToToken(SipMethod.Unknown));
    }
}
