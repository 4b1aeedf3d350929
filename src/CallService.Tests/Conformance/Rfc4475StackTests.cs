using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Conformance;

/// <summary>
/// The RFC 4475 messages a plain UAS must refuse, sent through the whole stack (parser, transaction
/// layer, UA core): the response that goes on the wire is the one the expectations table names, and
/// what must be dropped gets no answer at all.
/// </summary>
public sealed class Rfc4475StackTests
{
    public static TheoryData<string> RejectedByAUas()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Rfc4475Index.Entries.Values.Where(e => e.Verdict == "invalid"))
        {
            var expected = Rfc4475Expectations.All[entry.File];
            if (expected.Policy is null)
            {
                data.Add(entry.File);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RejectedByAUas))]
    public void The_stack_answers_an_invalid_torture_message_as_the_rfc_asks(string file)
    {
        var expected = Rfc4475Expectations.All[file];
        // Raw capture: a 400 copies the request's broken headers back verbatim (RFC 3261 8.2.6.2), so what
        // is sent need not parse; its status line is what counts here.
        var sender = new RawSender();
        using var stack = new SipStack(new SipStackOptions(), sender, new FakeTimeProvider());
        stack.UserAgent.IncomingCall = call => call.Accept(default); // would answer 200 if anything got through

        stack.Receive(Rfc4475Index.ReadBytes(file), SipWire.Peer);

        var finals = sender.StatusLines.Where(l => !l.StartsWith("SIP/2.0 1", StringComparison.Ordinal)).ToList();
        if (expected.Drop)
        {
            Assert.Empty(sender.StatusLines);
            return;
        }
        string statusLine = Assert.Single(finals);
        Assert.StartsWith($"SIP/2.0 {expected.Code} ", statusLine);
        Assert.True(statusLine.Length > $"SIP/2.0 {expected.Code} ".Length, "a reason phrase names the problem");
    }

    private sealed class RawSender : CallService.Sip.Transactions.ISipSender
    {
        public List<string> StatusLines { get; } = [];

        public ValueTask SendAsync(ReadOnlyMemory<byte> data, CallService.Sip.Transport.SipEndPoint destination, CancellationToken cancellationToken)
        {
            string text = System.Text.Encoding.UTF8.GetString(data.Span);
            StatusLines.Add(text[..text.IndexOf("\r\n", StringComparison.Ordinal)]);
            return ValueTask.CompletedTask;
        }
    }
}
