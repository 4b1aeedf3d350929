using System.Text;
using CallService.Tests.Support;
using CallService.Web.Desk;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Web.Desk;

/// <summary>The SSE writer: snapshot first, events in order, keep-alive comments on the host's clock, and a slow client cut loose.</summary>
public sealed class DeskEventStreamTests
{
    private static readonly DeskScope Alice = DeskScope.ForAgent("alice", "阿怡", ["sales"]);

    [Fact]
    public async Task The_stream_sends_the_snapshot_first_then_the_changes_in_order_until_the_client_leaves()
    {
        var bench = new LiveCallBench();
        using var board = new DeskBoard(bench, null, bench.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        DeskSubscription subscription = board.Subscribe(Alice, out IReadOnlyList<DeskCall> calls);
        var snapshot = new DeskSnapshot(bench.Time.GetUtcNow(), "zh-CN", new DeskViewer("alice", "阿怡", "available"), [], calls);
        var http = new DefaultHttpContext();
        var body = new MemoryStream();
        http.Response.Body = body;
        using var leave = new CancellationTokenSource();

        Task<string> writing = DeskEventStream.WriteAsync(http.Response, snapshot, subscription, bench.Time, leave.Token);
        await Eventually.True(() => Text(body).Contains("event: snapshot", StringComparison.Ordinal), "the snapshot is written");
        bench.Ring("c1", LiveCallBench.Line("sales", "海逸长洲"), "13700000001");
        await Eventually.True(() => Text(body).Contains("\"state\":\"ringing\"", StringComparison.Ordinal), "the ringing call is written");
        Assert.DoesNotContain(": keep-alive", Text(body));

        // Ring 2 comes at 5 s, from the board's timer on the host's clock.
        bench.Time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.True(() => Text(body).Contains("event: ring", StringComparison.Ordinal), "ring 2 is written");
        leave.Cancel();
        Assert.Equal("client left", await writing.WaitAsync(TimeSpan.FromSeconds(5)));

        string text = Text(body);
        Assert.StartsWith("retry: 2000\n\nevent: snapshot\ndata: {", text);
        Assert.True(text.IndexOf("event: snapshot", StringComparison.Ordinal) < text.IndexOf("event: call", StringComparison.Ordinal));
        Assert.Equal("text/event-stream; charset=utf-8", http.Response.ContentType);
    }

    [Fact]
    public async Task Silence_gives_a_keep_alive_comment_on_the_host_s_clock()
    {
        var time = new FakeTimeProvider(LiveCallBench.Now0);
        var subscription = new DeskSubscription(Alice);
        var snapshot = new DeskSnapshot(time.GetUtcNow(), "zh-CN", new DeskViewer("alice", "阿怡", null), [], []);
        var http = new DefaultHttpContext();
        var body = new MemoryStream();
        http.Response.Body = body;
        using var leave = new CancellationTokenSource();

        Task<string> writing = DeskEventStream.WriteAsync(http.Response, snapshot, subscription, time, leave.Token);
        await Eventually.True(() => Text(body).Contains("event: snapshot", StringComparison.Ordinal), "the snapshot is written");
        // The clock moves a second per poll; the comment may come only once 15 s have passed since the
        // writer started waiting (which is no earlier than the start of the fake clock).
        await Eventually.True(() =>
        {
            if (Text(body).Contains(": keep-alive\n\n", StringComparison.Ordinal))
            {
                return true;
            }
            time.Advance(TimeSpan.FromSeconds(1));
            return false;
        }, "a keep-alive comment", 10_000);
        Assert.True(time.GetUtcNow() - LiveCallBench.Now0 >= DeskEventStream.Heartbeat, $"keep-alive after {time.GetUtcNow() - LiveCallBench.Now0}");
        leave.Cancel();
        await writing.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_client_that_falls_512_events_behind_is_ended_so_that_it_reconnects_for_a_fresh_snapshot()
    {
        var subscription = new DeskSubscription(Alice);
        for (int i = 0; i <= DeskSubscription.Capacity; i++)
        {
            subscription.Offer(new DeskEvent("ring", new DeskRing("c1", i, LiveCallBench.Now0), "sales", i + 1));
        }
        subscription.Offer(new DeskEvent("ring", new DeskRing("c1", 9999, LiveCallBench.Now0), "other-line", 9999)); // not in scope anyway

        int read = 0;
        while (subscription.Events.TryRead(out _))
        {
            read++;
        }
        Assert.Equal(DeskSubscription.Capacity, read);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await subscription.Events.WaitToReadAsync());
    }

    // Polled while the writer appends: ToArray copies what is there so far.
    private static string Text(MemoryStream body) => Encoding.UTF8.GetString(body.ToArray());
}
