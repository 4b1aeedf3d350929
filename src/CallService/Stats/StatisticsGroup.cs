namespace CallService.Stats;

/// <summary>One group of a report: its key (see <see cref="StatisticsGrouping"/>) and its figures.</summary>
public sealed record StatisticsGroup(string Key, CallStatistics Statistics);
