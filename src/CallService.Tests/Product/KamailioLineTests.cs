using CallService.Records;
using CallService.Sip.Auth;
using CallService.Tests.Registrar;
using CallService.Tests.Support;

namespace CallService.Tests.Product;

/// <summary>A group of centres: the line registers itself at Kamailio (digest), and a caller who
/// dials the line at Kamailio reaches CallService, is answered and recorded.</summary>
[Collection("real peers")]
public sealed class KamailioLineTests
{
    [Fact]
    public async Task The_line_registers_at_Kamailio_and_a_sipp_call_through_Kamailio_is_answered_and_recorded()
    {
        string password = KamailioProxy.NewPassword();
        await using var kamailio = await KamailioProxy.StartAsync(("sales", password));
        await using var product = await ProductProcess.StartAsync(
            "--Lines:0:AutoAnswerAfterRings=0",
            $"--Lines:0:Registration:Registrar=sip:127.0.0.1:{kamailio.Port}",
            $"--Lines:0:Registration:Domain=127.0.0.1:{kamailio.Port}",
            $"--Lines:0:Registration:Ha1Md5={DigestHash.ComputeHa1(DigestAlgorithm.Md5, "sales", KamailioProxy.Realm, password)}",
            "--Lines:0:Registration:ExpiresSeconds=300");
        await Eventually.True(() => product.Output.Contains(" registered at sip:127.0.0.1:", StringComparison.Ordinal),
            "the line to register at Kamailio", 15_000);

        using var rtp = new RtpRecorder();
        await using (var sipp = Sipp.Start("caller.xml", kamailio.Port,
            ["-s", "sales", "-key", "caller", "13600000001", "-key", "rtp_port", rtp.Port.ToString(), "-m", "1", "-d", "1000"]))
        {
            int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Output}\n--- kamailio ---\n{kamailio.Output}\n--- service ---\n{product.Output}");
        }

        IReadOnlyList<CallRecord> records = [];
        await Eventually.TrueAsync(async () => (records = await product.CallsAsync()).Any(r => r.EndedAt is not null), "the record to be closed", 10_000);
        var record = Assert.Single(records);
        Assert.Equal(CallOutcome.AutoAnswered, record.Outcome);
        Assert.Equal("13600000001", record.CallerNumber);
        Assert.Equal(CallEndedBy.Caller, record.EndedBy);
    }
}
