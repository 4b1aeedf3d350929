namespace CallService.Stats;

/// <summary>A demo agent: who, where, when, and how quick.</summary>
public sealed record DemoAgent(string Id, string Desk, DemoShift Shift, double MedianAnswerSeconds);
