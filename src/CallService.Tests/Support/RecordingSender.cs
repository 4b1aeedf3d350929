using System.Collections.Concurrent;
using System.Text;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;

namespace CallService.Tests.Support;

/// <summary>An <see cref="ISipSender"/> that keeps what was sent, parsed back, for byte-level assertions.</summary>
public sealed class RecordingSender : ISipSender
{
    private readonly ConcurrentQueue<(SipMessage Message, SipEndPoint Destination, string Text)> _sent = new();

    public Func<SipEndPoint, bool>? FailWhen { get; set; }

    public ValueTask SendAsync(ReadOnlyMemory<byte> data, SipEndPoint destination, CancellationToken cancellationToken)
    {
        if (FailWhen?.Invoke(destination) == true)
        {
            return ValueTask.FromException(new IOException("unreachable"));
        }
        var parsed = SipParser.Parse(data.Span);
        Assert.True(parsed.Success, $"the stack sent an unparsable message: {parsed.Error} {parsed.Detail}");
        _sent.Enqueue((parsed.Message!, destination, Encoding.UTF8.GetString(data.Span)));
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<SipMessage> Messages => _sent.Select(s => s.Message).ToList();

    public IReadOnlyList<(SipMessage Message, SipEndPoint Destination, string Text)> All => _sent.ToList();

    public int Count => _sent.Count;

    public IReadOnlyList<SipResponse> Responses => _sent.Select(s => s.Message).OfType<SipResponse>().ToList();

    public IReadOnlyList<SipRequest> Requests => _sent.Select(s => s.Message).OfType<SipRequest>().ToList();

    public void Clear() => _sent.Clear();
}
