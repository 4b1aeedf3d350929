using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CallService.Web.Desk;

/// <summary>The desk API's JSON: camelCase, nulls left out, Chinese text as is (the stream is UTF-8).</summary>
public static class DeskJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Unescaped CJK keeps the stream readable; the page never puts data into HTML (textContent only),
        // and JSON inside an SSE data line needs no HTML escaping.
        Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
