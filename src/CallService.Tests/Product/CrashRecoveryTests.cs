using CallService.Records;
using CallService.Tests.Support;

namespace CallService.Tests.Product;

/// <summary>kill -9 in the middle of 20 calls: nothing finished is lost, nothing active stays open.</summary>
[Collection("real peers")]
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task After_kill_9_during_20_active_calls_finished_records_are_unchanged_and_active_ones_interrupted()
    {
        // Answer at once, so the calls are quickly in progress.
        await using var product = await ProductProcess.StartAsync("--Lines:0:AutoAnswerAfterRings=0");
        using var rtp = new RtpRecorder();
        string[] callerKeys = ["-s", "sales", "-key", "caller", "13900000000", "-key", "rtp_port", rtp.Port.ToString()];

        await using (var finished = Sipp.Start("caller.xml", product.SipPort, [.. callerKeys, "-m", "5", "-r", "10", "-d", "300"]))
        {
            Assert.Equal(0, await finished.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        var before = await product.CallsAsync();
        Assert.Equal(5, before.Count);
        Assert.All(before, r => Assert.Equal(CallOutcome.AutoAnswered, r.Outcome));

        await using var active = Sipp.Start("caller.xml", product.SipPort, [.. callerKeys, "-m", "20", "-r", "20", "-d", "120000"]);
        await Eventually.TrueAsync(async () => (await product.CallsAsync()).Count(r => r.AnsweredAt is not null && r.EndedAt is null) == 20,
            "20 calls answered and in progress", 30_000);

        product.KillHard();
        active.Kill();
        await product.RestartAsync();

        var after = await product.CallsAsync();
        Assert.Equal(25, after.Count);
        foreach (var old in before)
        {
            var same = Assert.Single(after, r => r.Id == old.Id);
            Assert.Equal(old, same);
        }
        var interrupted = after.Where(r => before.All(b => b.Id != r.Id)).ToList();
        Assert.Equal(20, interrupted.Count);
        Assert.All(interrupted, r =>
        {
            Assert.Equal(CallOutcome.Interrupted, r.Outcome);
            Assert.Equal(CallEndedBy.Service, r.EndedBy);
            Assert.NotNull(r.EndedAt);
            Assert.NotNull(r.AnsweredAt);
        });
        Assert.Contains("left open by a previous run", product.Output);
    }
}
