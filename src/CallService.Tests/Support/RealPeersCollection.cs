namespace CallService.Tests.Support;

/// <summary>Tests that run real peers (sipp, baresip, kamailio) share the two cores one at a time:
/// load and timing measurements stay meaningful.</summary>
[CollectionDefinition("real peers", DisableParallelization = true)]
public sealed class RealPeersCollection;
