using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CallService.Web.Desk;

/// <summary>
/// Writes the desk's Server-Sent Events (HTML Living Standard, "Server-sent events"): a retry hint, the
/// snapshot, then each change as an event with its board sequence number as id, and a comment line
/// every <see cref="Heartbeat"/> so that proxies and the browser see the connection alive.
/// </summary>
public static class DeskEventStream
{
    /// <summary>The interval of keep-alive comments when nothing happens.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>How long the browser waits before reconnecting (the SSE "retry" field).</summary>
    public const int RetryMs = 2000;

    /// <summary>Streams <paramref name="snapshot"/> then <paramref name="subscription"/>'s events until the client leaves or the stream is ended.</summary>
    /// <returns>Why the stream ended, for the log.</returns>
    public static async Task<string> WriteAsync(
        HttpResponse response, DeskSnapshot snapshot, DeskSubscription subscription, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(subscription);
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // a buffering proxy would hold the events back
        await WriteRawAsync(response, $"retry: {RetryMs}\n\n", cancellationToken).ConfigureAwait(false);
        await WriteEventAsync(response, "snapshot", snapshot, null, cancellationToken).ConfigureAwait(false);

        var reader = subscription.Events;
        try
        {
            while (true)
            {
                using var beat = new CancellationTokenSource(Heartbeat, time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, beat.Token);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await WriteRawAsync(response, ": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (!more)
                {
                    return "closed by the server";
                }
                while (reader.TryRead(out DeskEvent? deskEvent))
                {
                    await WriteEventAsync(response, deskEvent.Name, deskEvent.Data, deskEvent.Sequence, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return "client left";
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message; // the channel completed with a reason (the client fell behind)
        }
    }

    /// <summary>One event in the wire format: "event:", "id:" and one "data:" line (JSON has no raw line breaks).</summary>
    public static string Format(string name, object data, long? id)
    {
        var text = new StringBuilder();
        text.Append("event: ").Append(name).Append('\n');
        if (id is { } n)
        {
            text.Append("id: ").Append(n.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        text.Append("data: ").Append(JsonSerializer.Serialize(data, data.GetType(), DeskJson.Options)).Append("\n\n");
        return text.ToString();
    }

    private static Task WriteEventAsync(HttpResponse response, string name, object data, long? id, CancellationToken cancellationToken) =>
        WriteRawAsync(response, Format(name, data, id), cancellationToken);

    private static async Task WriteRawAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
