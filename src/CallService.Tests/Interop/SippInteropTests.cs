using System.Collections.Concurrent;
using CallService.Sip.Dialogs;
using CallService.Sip.Messages;
using CallService.Tests.Support;

namespace CallService.Tests.Interop;

/// <summary>sipp (a real load generator) against the library, both directions, 100 calls each, 0 failed.</summary>
[Collection("real peers")]
public sealed class SippInteropTests
{
    [Fact]
    public async Task Sipp_uac_completes_100_calls_against_a_library_UAS()
    {
        await using var uas = await LibraryEndpoint.StartAsync();
        int answered = 0, byes = 0;
        uas.AnswerEverything(TimeSpan.Zero, (_, dialog) =>
        {
            Interlocked.Increment(ref answered);
            dialog.Terminated += (_, why) => { if (why == DialogEndReason.RemoteBye) { Interlocked.Increment(ref byes); } };
        });

        await using var sipp = ExternalProcess.Start("sipp",
        [
            "-sn", "uac", $"127.0.0.1:{uas.Port}", "-s", "sales", "-i", "127.0.0.1", "-p", FreePort.ForSip().ToString(),
            "-r", "25", "-m", "100", "-l", "50", "-d", "200", "-nostdin", "-timeout", "60s", "-timeout_error",
        ]);
        int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exit == 0, $"sipp exit {exit}:\n{Tail(sipp.Output)}");
        Assert.Matches(@"Successful call\s*\|\s*\d+\s*\|\s*100\b", sipp.Output);
        Assert.Matches(@"Failed call\s*\|\s*\d+\s*\|\s*0\b", sipp.Output);
        Assert.Equal(100, answered);
        await Eventually.True(() => Volatile.Read(ref byes) == 100, "100 BYEs from sipp");
        Assert.Equal(0, uas.Stack.UserAgent.DialogCount);
    }

    [Fact]
    public async Task A_library_UAC_places_100_calls_that_sipp_uas_answers()
    {
        int sippPort = FreePort.ForSip();
        await using var sipp = ExternalProcess.Start("sipp",
        [
            "-sn", "uas", "-i", "127.0.0.1", "-p", sippPort.ToString(), "-m", "100", "-nostdin", "-timeout", "60s",
        ]);
        await using var uac = await LibraryEndpoint.StartAsync();
        await Task.Delay(300); // sipp binds its socket right after start; the first INVITE is retransmitted anyway

        var target = SipUri.Parse($"sip:service@127.0.0.1:{sippPort}");
        var from = new SipNameAddress(SipUri.Parse($"sip:caller@127.0.0.1:{uac.Port}"), "Library UAC");
        var failures = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(20);
        var calls = Enumerable.Range(0, 100).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var call = await uac.Stack.UserAgent.CallAsync(target, from, null, LibraryEndpoint.SimpleSdp(FreePort.ForRtp()));
                var result = await call.Result.WaitAsync(TimeSpan.FromSeconds(30));
                if (!result.IsAnswered)
                {
                    failures.Add($"call {i}: {result.StatusCode} {result.End}");
                    return;
                }
                var bye = await result.Dialog!.ByeAsync().WaitAsync(TimeSpan.FromSeconds(30));
                if (bye.StatusCode != 200)
                {
                    failures.Add($"call {i}: BYE got {bye.StatusCode} {bye.End}");
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(calls);

        Assert.Empty(failures);
        int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"sipp exit {exit}:\n{Tail(sipp.Output)}");
        Assert.Matches(@"Successful call\s*\|\s*\d+\s*\|\s*100\b", sipp.Output);
        Assert.Matches(@"Failed call\s*\|\s*\d+\s*\|\s*0\b", sipp.Output);
    }

    internal static string Tail(string text) => text.Length > 6000 ? text[^6000..] : text;
}
