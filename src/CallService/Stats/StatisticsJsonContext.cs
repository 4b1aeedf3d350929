using System.Text.Json.Serialization;

namespace CallService.Stats;

/// <summary>
/// Source-generated JSON for reports: camelCase names, nulls written (a ratio with nothing to divide
/// is null, not 0), times ISO 8601.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(StatisticsReport))]
public sealed partial class StatisticsJsonContext : JsonSerializerContext;
