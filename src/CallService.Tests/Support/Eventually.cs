namespace CallService.Tests.Support;

/// <summary>Bounded waiting for a condition that another thread makes true (never a fixed sleep).</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Timed out after {timeoutMs} ms waiting for: {what}");
            }
            await Task.Delay(5);
        }
    }

    /// <summary>The same for a condition that must itself be awaited (e.g. running `calls --json`).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!await condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Timed out after {timeoutMs} ms waiting for: {what}");
            }
            await Task.Delay(50);
        }
    }
}
