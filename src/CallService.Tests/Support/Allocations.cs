namespace CallService.Tests.Support;

/// <summary>
/// Bytes a piece of hot-path code allocates on the calling thread. The runtime may allocate on that
/// thread for its own reasons while the code warms up (tiered compilation's call counting and
/// on-stack replacement install stubs there), so a single round can show bytes the code never asked
/// for. The measure is the smallest of several rounds after a warm-up: code that allocates does so in
/// every round, and shows up here.
/// </summary>
public static class Allocations
{
    private const int Rounds = 5;

    /// <summary>The fewest bytes <paramref name="body"/> allocated over <paramref name="iterations"/> calls in any round.</summary>
    public static long Measure(int iterations, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        for (int i = 0; i < iterations; i++)
        {
            body();
        }

        long fewest = long.MaxValue;
        for (int round = 0; round < Rounds && fewest > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < iterations; i++)
            {
                body();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
