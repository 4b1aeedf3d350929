using System.Text.Json.Serialization;

namespace CallService.Records;

/// <summary>
/// Source-generated JSON for call records: camelCase names, nulls written (a consumer sees every
/// field on every record), enums by their <see cref="JsonStringEnumMemberNameAttribute"/> spellings.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CallRecord))]
[JsonSerializable(typeof(IReadOnlyList<CallRecord>))]
public sealed partial class CallRecordJsonContext : JsonSerializerContext;
