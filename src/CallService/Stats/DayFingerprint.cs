namespace CallService.Stats;

/// <summary>
/// What a store says of one local day's call records, cheaply (from its started_at index): how many
/// there are, the highest record id, and how many are still open (no end yet). Records of finished
/// calls do not change their figures any more (later writes are the desk's notes), so a day whose
/// fingerprint is unchanged and has no open record has the same statistics as before.
/// </summary>
/// <param name="Records">Records that started that day.</param>
/// <param name="LastId">Their highest id (a new record gets a higher one).</param>
/// <param name="Open">Of them, records without an end yet.</param>
/// <param name="CallbacksDone">Of them, calls whose callback request is done: a callback completed later
/// changes the day's completed callbacks without touching its records.</param>
public readonly record struct DayFingerprint(long Records, long LastId, long Open, long CallbacksDone = 0);
