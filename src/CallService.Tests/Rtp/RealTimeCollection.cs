namespace CallService.Tests.Rtp;

/// <summary>Real-time measurements run alone, not beside other tests competing for the 2 cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeCollection
{
    public const string Name = "Rtp real time";
}
