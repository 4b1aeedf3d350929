using CallService.Records;
using CallService.Tests.Support;

namespace CallService.Tests.Product;

/// <summary>The README's softphone recipe: baresip with samples/softphones/baresip calls the line.</summary>
[Collection("real peers")]
public sealed class SoftphoneSampleTests
{
    [Fact]
    public async Task Baresip_with_the_sample_config_calls_the_line_and_is_answered()
    {
        await using var product = await ProductProcess.StartAsync("--Lines:0:AutoAnswerAfterRings=1");
        // The sample as shipped, with only the ports moved off the defaults (5060/5062/5555 may be taken here).
        string sample = Path.Combine(Peers.RepoRoot, "samples", "softphones", "baresip");
        string dir = Directory.CreateTempSubdirectory("baresip-sample-").FullName;
        int sipPort = FreePort.ForSip();
        _ = FreePort.ForSip(); // baresip's TLS listener takes the SIP port + 1
        int consPort = FreePort.ForSip(), rtp = FreePort.ForRtp();
        File.WriteAllText(Path.Combine(dir, "config"), File.ReadAllText(Path.Combine(sample, "config"))
            .Replace("127.0.0.1:5062", $"127.0.0.1:{sipPort}")
            .Replace("127.0.0.1:5555", $"127.0.0.1:{consPort}")
            .Replace("26000-26099", $"{rtp}-{rtp + 19}"));
        File.Copy(Path.Combine(sample, "accounts"), Path.Combine(dir, "accounts"));

        IReadOnlyList<CallRecord> records;
        await using (var phone = ExternalProcess.Start("baresip", ["-f", dir, "-e", $"/dial sip:sales@127.0.0.1:{product.SipPort}"], dir))
        {
            // baresip prints "Call established" when the 200 OK came and it sent its ACK.
            await phone.WaitForOutputAsync("Call established", TimeSpan.FromSeconds(15));
            await Task.Delay(TimeSpan.FromSeconds(2)); // a moment of greeting
            await BaresipPhone.SendCommandAsync(consPort, "/hangup");
            var deadline = DateTime.UtcNow.AddSeconds(15);
            do
            {
                records = await product.CallsAsync();
            }
            while (records.All(r => r.EndedAt is null) && DateTime.UtcNow < deadline);
        }
        Directory.Delete(dir, recursive: true);

        var record = Assert.Single(records);
        Assert.NotNull(record.EndedAt);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
        Assert.Equal(CallOutcome.AutoAnswered, record.Outcome);
        Assert.Equal("auto", record.AnsweredBy);
        Assert.Equal(1.0, record.Rings);
        Assert.Equal("caller", record.CallerNumber);
    }
}
