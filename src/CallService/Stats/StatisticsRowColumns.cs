namespace CallService.Stats;

/// <summary>
/// The call_records columns a statistics scan selects, in the order <see cref="SqliteCallScan"/> and
/// <see cref="PostgresCallScan"/> read them by position (both stores name the columns alike; a
/// store may append the callback completion time as column 17).
/// </summary>
internal static class StatisticsRowColumns
{
    public const string List = "started_at, line, desk, agent_id, answered_by, outcome, ring_started_at, answered_at, rings, auto_answered_at, "
        + "agent_answered_at, ended_at, hold_count, hold_seconds, longest_hold_seconds, callback_offered, callback_accepted";
}
