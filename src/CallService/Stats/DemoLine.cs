namespace CallService.Stats;

/// <summary>A demo sales line.</summary>
/// <param name="Number">The line number (record Line).</param>
/// <param name="Desk">The desk (record Desk).</param>
/// <param name="AutoAnswerAfterRings">The service answers when this many rings have sounded.</param>
/// <param name="Share">Its share of the calls.</param>
public sealed record DemoLine(string Number, string Desk, int AutoAnswerAfterRings, double Share);
