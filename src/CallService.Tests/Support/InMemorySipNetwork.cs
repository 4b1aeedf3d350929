using System.Net;
using System.Threading.Channels;
using CallService.Sip.Core;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;

namespace CallService.Tests.Support;

/// <summary>
/// Several stacks wired together without sockets: each node has one delivery loop (like a receive
/// loop), packets can be dropped by a filter to exercise retransmission. UDP semantics.
/// </summary>
public sealed class InMemorySipNetwork : IAsyncDisposable
{
    private readonly Dictionary<IPEndPoint, Node> _nodes = [];
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Return true to drop a packet (text, from, to).</summary>
    public Func<string, SipEndPoint, SipEndPoint, bool>? Drop { get; set; }

    public SipStack AddStack(int port, TimeProvider time, SipTimerOptions? timers = null)
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        var node = new Node(this, new SipEndPoint(SipProtocol.Udp, endpoint));
        var stack = new SipStack(new SipStackOptions { AdvertisedHost = "127.0.0.1", AdvertisedPort = port, Timers = timers ?? SipTimerOptions.Default },
            node, time);
        node.Stack = stack;
        _nodes[endpoint] = node;
        node.Loop = Task.Run(() => node.RunAsync(_stop.Token));
        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        foreach (var node in _nodes.Values)
        {
            try { await node.Loop!; } catch (OperationCanceledException) { }
            node.Stack!.Dispose();
        }
    }

    private sealed class Node(InMemorySipNetwork network, SipEndPoint self) : ISipSender
    {
        private readonly Channel<(byte[] Data, SipEndPoint From)> _inbox = Channel.CreateUnbounded<(byte[], SipEndPoint)>();

        public SipStack? Stack { get; set; }

        public Task? Loop { get; set; }

        public ValueTask SendAsync(ReadOnlyMemory<byte> data, SipEndPoint destination, CancellationToken cancellationToken)
        {
            if (network.Drop?.Invoke(System.Text.Encoding.UTF8.GetString(data.Span), self, destination) == true)
            {
                return ValueTask.CompletedTask;
            }
            if (network._nodes.TryGetValue(destination.EndPoint, out var target))
            {
                target._inbox.Writer.TryWrite((data.ToArray(), self));
            }
            return ValueTask.CompletedTask; // like UDP: sent into the void when nobody listens
        }

        public async Task RunAsync(CancellationToken stop)
        {
            await foreach (var (data, from) in _inbox.Reader.ReadAllAsync(stop))
            {
                Stack!.Receive(data, from);
            }
        }
    }
}
