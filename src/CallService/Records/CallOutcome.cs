using System.Text.Json.Serialization;

namespace CallService.Records;

/// <summary>
/// How a call ended. The spellings in <see cref="JsonStringEnumMemberNameAttribute"/> are a contract:
/// the JSON output and the stores' text columns both use them (see <see cref="CallRecordNames"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallOutcome>))]
public enum CallOutcome
{
    /// <summary>An agent answered while the call was ringing.</summary>
    [JsonStringEnumMemberName("answered")]
    Answered,

    /// <summary>The service answered itself at the desk's ring limit (an agent may still have picked up later).</summary>
    [JsonStringEnumMemberName("auto-answered")]
    AutoAnswered,

    /// <summary>The caller hung up while it was still ringing.</summary>
    [JsonStringEnumMemberName("abandoned")]
    Abandoned,

    /// <summary>The caller hung up after auto-answer, while waiting in the queue for an agent.</summary>
    [JsonStringEnumMemberName("abandoned-in-queue")]
    AbandonedInQueue,

    /// <summary>The service refused the call (final non-2xx response).</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>The service stopped (crash, kill) while the call was open; closed at the next start.</summary>
    [JsonStringEnumMemberName("interrupted")]
    Interrupted,
}
