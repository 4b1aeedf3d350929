using System.Text.Json.Serialization;

namespace CallService.Records;

/// <summary>Which side ended the call. Spelled in lower case in JSON and in the stores.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallEndedBy>))]
public enum CallEndedBy
{
    /// <summary>The caller hung up (BYE or CANCEL from the caller).</summary>
    [JsonStringEnumMemberName("caller")]
    Caller,

    /// <summary>An agent hung up.</summary>
    [JsonStringEnumMemberName("agent")]
    Agent,

    /// <summary>The service ended it (automated ending, rejection, shutdown, interrupted).</summary>
    [JsonStringEnumMemberName("service")]
    Service,
}
