using System.Text.Json.Serialization;

namespace CallService.Callbacks;

/// <summary>
/// Where a callback request stands. JSON and the store spell it in lower case ("pending"...), whatever
/// serializer options the host uses.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallbackStatus>))]
public enum CallbackStatus
{
    /// <summary>"pending": waiting for the desk to call back.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>"calling": an attempt is under way (click-to-call).</summary>
    [JsonStringEnumMemberName("calling")]
    Calling,

    /// <summary>"done": the caller was called back. Final.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>"failed": the last attempt failed (unreachable, refused); may be retried.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>"cancelled": no callback will be made. Final.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
