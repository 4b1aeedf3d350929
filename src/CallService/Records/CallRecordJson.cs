using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CallService.Records;

/// <summary>
/// Call records as a JSON array (for <c>calls --json</c>). Field names are the camelCase property
/// names; outcomes are "answered", "auto-answered", "abandoned", "abandoned-in-queue", "rejected",
/// "interrupted"; ended-by is "caller", "agent" or "service"; times are ISO 8601 with offset +00:00.
/// </summary>
public static class CallRecordJson
{
    // Surnames and requests are mostly Chinese: keep them readable instead of \uXXXX escapes, while
    // HTML-sensitive characters stay escaped.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>Writes the records as one JSON array to <paramref name="writer"/> (not flushed).</summary>
    public static void WriteArray(Utf8JsonWriter writer, IReadOnlyList<CallRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        JsonSerializer.Serialize(writer, records, CallRecordJsonContext.Default.IReadOnlyListCallRecord);
    }

    /// <summary>The records as a JSON array string.</summary>
    public static string ToJson(IReadOnlyList<CallRecord> records, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options(indented)))
        {
            WriteArray(writer, records);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the records as a UTF-8 JSON array to a stream (stdout for the CLI).</summary>
    public static async Task WriteArrayAsync(Stream stream, IReadOnlyList<CallRecord> records, bool indented, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await using var writer = new Utf8JsonWriter(stream, Options(indented));
        WriteArray(writer, records);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static JsonWriterOptions Options(bool indented) => new() { Indented = indented, Encoder = Encoder };

    /// <summary>Reads a JSON array written by this class back into records.</summary>
    public static IReadOnlyList<CallRecord> ParseArray(string json) =>
        JsonSerializer.Deserialize(json, CallRecordJsonContext.Default.IReadOnlyListCallRecord)
        ?? throw new JsonException("The JSON was null, not an array of call records.");
}
